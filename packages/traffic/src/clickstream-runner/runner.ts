import type { Producer } from "@gg/core/kafka";
import type { ClickstreamTopic } from "../clickstream/index";
import type { ScenarioRunner } from "../runner/index";
import { asMinuteRecord, type ClickstreamMinuteRecord } from "./minute-record";
import { runClickstreamMinute } from "./run-minute";
import { createWorldCache, type WorldCache } from "./world-cache";

export interface ClickstreamRunnerDeps {
  producer: Pick<Producer, "sendRaw">;
  /** Topic name per kind (defaults: users, products, interactions, sessions). */
  topics: Readonly<Record<ClickstreamTopic, string>>;
  /** Shared with other users of the scenario in the process; default a private one. */
  worlds?: WorldCache;
  tickMs?: number;
  maxBatch?: number;
  maxInFlight?: number;
  log?: (record: ClickstreamMinuteRecord) => void;
}

/** The clickstream scenario for the generator's registry: `runners: { clickstream: ... }`. */
export function clickstreamRunner(deps: ClickstreamRunnerDeps): ScenarioRunner {
  const worlds = deps.worlds ?? createWorldCache();
  return {
    async runMinute({ db, stream, minute, budget, timing, onProgress }) {
      const record = await runClickstreamMinute({
        stream,
        minute,
        budget,
        db,
        producer: deps.producer,
        topics: deps.topics,
        worlds,
        timing,
        tickMs: deps.tickMs,
        maxBatch: deps.maxBatch,
        maxInFlight: deps.maxInFlight,
        log: deps.log,
        onProgress,
      });
      return asMinuteRecord(record);
    },
  };
}
