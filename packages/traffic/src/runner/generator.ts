import { createPool, type Pool } from "@gg/core/db";
import { bundledFood11Root, food11Index, type ImageIndex } from "../images/index";
import type { Stream } from "../streams/index";
import { bootstrap } from "./bootstrap";
import { lazyClickstreamRunner } from "./clickstream-wiring";
import { ensureDefaultStream } from "./default-stream";
import { gourmetgramRunner } from "./gourmetgram";
import type { MinuteRecord } from "./record";
import type { Timing } from "./run-minute";
import type { ScenarioRegistry } from "./scenario";
import { scheduledMinute } from "./scheduled-event";
import type { GeneratorSettings } from "./settings";
import { type ApiTarget, httpTarget } from "./target";
import { runTick, type TickResult } from "./tick";

/** Seams for tests, benches and the local runner; production passes nothing. */
export interface GeneratorOverrides {
  /** Default: the API over HTTP at `settings.apiUrl`. */
  target?: ApiTarget;
  /** Default: a pool on `settings.databaseUrl` (closed by `close`). */
  pool?: Pool;
  /** Extra scenario runners (the clickstream one plugs in here). */
  runners?: ScenarioRegistry;
  log?: (record: MinuteRecord) => void;
  /**
   * After each tick, e.g. to switch the schedule rule off once the last stream completed (the
   * control plane's rule sync); its failure is logged, never thrown into the tick's result.
   */
  afterTick?: (result: TickResult) => Promise<void>;
}

export interface TickOptions {
  timing?: Timing;
  streamIds?: readonly string[];
  onProgress?: (streamId: string, settled: number, total: number) => void;
}

/** The generator, built once per process (Lambda module scope, local runner, CLI). */
export interface Generator {
  readonly pool: Pool;
  /** Every running stream's `minute`. */
  tick(minute: Date, options?: TickOptions): Promise<TickResult>;
  /** An EventBridge scheduled event or SST Cron's `{}`, with the Lambda context's remaining time. */
  handleScheduled(
    event: unknown,
    context?: { getRemainingTimeInMillis?: () => number },
  ): Promise<TickResult>;
  /** Start the env-configured stream when none is running (local runs, the CLI). */
  ensureDefaultStream(): Promise<Stream | null>;
  /** Create `GENERATOR_INITIAL_USERS/IMAGES` through the API when the database has fewer. */
  bootstrap(): Promise<{ users: number; images: number }>;
  close(): Promise<void>;
}

// Stop starting requests this long before a Lambda's timeout, so the record still gets written.
const LAMBDA_MARGIN_MS = 3_000;

/** Builds the generator's dependencies once: pool, target, the dataset index (lazily), runners. */
export function createGenerator(
  settings: GeneratorSettings,
  overrides: GeneratorOverrides = {},
): Generator {
  const pool =
    overrides.pool ??
    createPool({
      connectionString: settings.databaseUrl,
      max: settings.databasePoolSize,
      applicationName: "gourmetgram-generator",
    });
  const target = overrides.target ?? httpTarget(settings.apiUrl, settings.apiKey);
  let dataset: Promise<ImageIndex | null> | undefined;
  const loadDataset = () => {
    dataset ??= food11Index(settings.datasetPath ?? bundledFood11Root()).catch((e: unknown) => {
      // Traffic goes on without uploads (recorded as skipped `no-dataset`), and says why.
      console.error(
        JSON.stringify({ level: "error", message: "generator dataset", error: String(e) }),
      );
      dataset = undefined;
      return null;
    });
    return dataset;
  };
  const clickstream = settings.clickstream ? lazyClickstreamRunner(settings.clickstream) : null;
  const runners: ScenarioRegistry = {
    ...(clickstream ? { clickstream: clickstream.runner } : {}),
    gourmetgram: gourmetgramRunner({
      target,
      dataset: loadDataset,
      concurrency: settings.concurrency,
      defaults: { testAccountRate: settings.testAccountRate },
      requestTimeoutMs: settings.requestTimeoutMs,
      log: overrides.log,
    }),
    ...overrides.runners,
  };
  const tick = async (minute: Date, options: TickOptions = {}) => {
    const result = await runTick({
      db: pool,
      runners,
      minute,
      timing: { scale: settings.timeScale, ...options.timing },
      streamIds: options.streamIds,
      onProgress: options.onProgress,
    });
    await overrides.afterTick?.(result).catch((e: unknown) => {
      console.error(
        JSON.stringify({ level: "error", message: "generator after tick", error: String(e) }),
      );
    });
    return result;
  };
  return {
    pool,
    tick,
    handleScheduled(event, context) {
      const remaining = context?.getRemainingTimeInMillis?.();
      const deadline =
        remaining === undefined ? undefined : Date.now() + remaining - LAMBDA_MARGIN_MS;
      return tick(scheduledMinute(event, new Date()), { timing: { deadline } });
    },
    ensureDefaultStream: () => ensureDefaultStream(pool, settings.defaultStream),
    bootstrap: async () =>
      bootstrap({
        db: pool,
        target,
        dataset: await loadDataset(),
        seed: settings.defaultStream.seed ?? "bootstrap",
        users: settings.initialUsers,
        images: settings.initialImages,
        testAccountRate: settings.testAccountRate,
      }),
    async close() {
      await clickstream?.close();
      if (!overrides.pool) await pool.end();
    },
  };
}
