import type { Pool } from "@gg/core/db";
import type { Kafka, Producer } from "@gg/core/kafka";
import type { createScheduleRules } from "@gg/core/schedule";
import type { RateCeilings } from "@gg/traffic/rates";
import type { Logger } from "../deps";

/** The EventBridge rule that fires the generator, and the target the control API points at it. */
export interface TrafficSchedule {
  ruleName: string;
  /** The rule's only target: the generator function (a fixed Id, so PutTargets replaces it). */
  targetId: string;
  targetArn: string;
}

/** What the control plane (streams, /generate, firehose) talks to; built once per process. */
export interface ControlDeps {
  pool: Pool;
  /** EventBridge rules client; null where no schedule exists (local runs without LocalStack). */
  rules: ReturnType<typeof createScheduleRules> | null;
  schedule: TrafficSchedule | null;
  /** Kafka for direct delivery (/generate with stream:true, clickstream streams, firehose). */
  kafka: Kafka | undefined;
  producer: Producer | undefined;
  /** Clickstream topic names by entity (defaults: users, products, interactions, sessions). */
  clickstreamTopics: Record<"users" | "products" | "interactions" | "sessions", string>;
  apiKey: string | undefined;
  /** The highest rate a stream of each scenario may ask for (events/second). */
  rateCeilings: RateCeilings;
  log: Logger;
}
