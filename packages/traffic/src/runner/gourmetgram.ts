import type { ImageIndex } from "../images/index";
import type { MinuteRecord } from "./record";
import type { RetryPolicy } from "./retry";
import { runMinute } from "./run-minute";
import type { ScenarioRunner } from "./scenario";
import { loadState } from "./state";
import { type PlannerDefaults, plannerConfigOf, seedOf } from "./stream-config";
import type { ApiTarget } from "./target";

export interface GourmetGramDeps {
  target: ApiTarget;
  /** The dataset for uploads, indexed once and reused (null: uploads are skipped). */
  dataset: () => Promise<ImageIndex | null>;
  concurrency: number;
  defaults?: PlannerDefaults;
  retry?: RetryPolicy;
  requestTimeoutMs?: number;
  log?: (record: MinuteRecord) => void;
}

/** The GourmetGram scenario: each stream's minute planned from Postgres state and fired at the API. */
export function gourmetgramRunner(deps: GourmetGramDeps): ScenarioRunner {
  return {
    async runMinute({ db, stream, minute, budget, timing, onProgress }) {
      const seed = seedOf(stream);
      const config = plannerConfigOf(stream.config, deps.defaults);
      return runMinute({
        seed,
        minute,
        config,
        // As of the minute, live or backfilled: the API files each write under its planned time.
        state: () => loadState(db, { seed, minute, config }),
        dataset: await deps.dataset(),
        target: deps.target,
        streamId: stream.stream_id,
        scenario: "gourmetgram",
        budget,
        db,
        timing,
        concurrency: deps.concurrency,
        retry: deps.retry,
        requestTimeoutMs: deps.requestTimeoutMs,
        log: deps.log,
        onProgress,
      });
    },
  };
}
