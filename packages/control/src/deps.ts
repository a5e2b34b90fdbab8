import type { Pool } from "@gg/core/db";
import type { ClickstreamKind, Kafka, Producer } from "@gg/core/kafka";
import type { createScheduleRules } from "@gg/core/schedule";
import type { Logger } from "@gg/http";
import type { FirehoseOptions, FirehoseProgress, FirehoseResult } from "@gg/traffic/firehose";
import type { kickEvent } from "@gg/traffic/generator";
import type { ImageIndex } from "@gg/traffic/gourmetgram/images";
import type { RateCeilings } from "@gg/traffic/scenarios";

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
  clickstreamTopics: Record<ClickstreamKind, string>;
  apiKey: string | undefined;
  /** Without a key, the Host names served besides loopback ones (`*`: any). */
  allowedHosts?: readonly string[];
  /** The highest rate a stream of each scenario may ask for (events/second). */
  rateCeilings: RateCeilings;
  log: Logger;
  /**
   * The image dataset the generator uploads from, for POST /stream/plan (default: the bundled
   * Food-11 sample); null when there is none.
   */
  dataset?: () => Promise<ImageIndex | null>;
  /**
   * Sends the generator a kick (`kickEvent`): a delivery now, for a stream started while the rule
   * was off, whose schedule's first delivery would come a minute or two late. Absent where there
   * is no schedule (the in-process timer never stops).
   */
  kick?: (event: ReturnType<typeof kickEvent>) => Promise<void>;
  /** The firehose, where this process hosts it (`pnpm start`); the control Lambda has none. */
  firehose?: FirehoseEngine;
}

/**
 * Runs the firehose (worker threads, a wasm-backed Kafka client): injected by the host so the
 * control Lambda's bundle never carries it. Its options schema validates and documents the route.
 */
export interface FirehoseEngine {
  schema: typeof FirehoseOptions;
  run(
    options: FirehoseOptions,
    ctx: { signal: AbortSignal; onProgress: (progress: FirehoseProgress) => void },
  ): Promise<FirehoseResult>;
}
