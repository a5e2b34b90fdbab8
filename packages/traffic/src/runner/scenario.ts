import { AppError } from "@gg/core/errors";
import type { Queryable } from "@gg/core/sql";
import type { Scenario, Stream } from "../streams/index";
import type { MinuteRecord } from "./record";
import type { Timing } from "./run-minute";

/** One stream's minute, as the scheduled tick hands it to the stream's scenario. */
export interface StreamMinute {
  db: Queryable;
  stream: Stream;
  minute: Date;
  /** Events the stream may still send (Infinity without `max_count`). */
  budget: number;
  timing: Timing;
  onProgress?: (settled: number, total: number) => void;
}

/**
 * Runs one minute of a stream of its scenario and records it in `traffic_minutes` (claiming the
 * row first, so a duplicate invocation fires nothing). GourmetGram goes through the API; the
 * clickstream scenario writes to Kafka directly.
 */
export interface ScenarioRunner {
  runMinute(job: StreamMinute): Promise<MinuteRecord>;
}

/** Runners by scenario; a scenario without one fails its streams' minutes, loudly. */
export type ScenarioRegistry = Partial<Record<Scenario, ScenarioRunner>>;

/** A placeholder that says the scenario is not wired into the generator yet. */
export function notWired(scenario: Scenario): ScenarioRunner {
  return {
    runMinute: async ({ stream }) => {
      throw new AppError(
        "UNAVAILABLE",
        `scenario ${scenario} is not wired into the generator (stream ${stream.stream_id})`,
      );
    },
  };
}
