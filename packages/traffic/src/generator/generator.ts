import { createPool, type Pool } from "@gg/core/db";
import type { MinuteRecord, ScenarioRegistry, Timing } from "../minute/index";
import { type ApiTarget, createScenarioPlugins } from "../scenarios/plugins";
import { runShard, type ShardInvoker, ShardJob, type WakePolicy } from "../shards/index";
import type { Stream } from "../streams/index";
import { ensureDefaultStream } from "./default-stream";
import { scheduledTrigger, type Trigger } from "./scheduled-event";
import { serve } from "./serve";
import type { GeneratorSettings } from "./settings";
import { prepareTick, type TickResult, wakesOnly } from "./tick";

/** Seams for tests, benches and the local runner; production passes nothing. */
export interface GeneratorOverrides {
  /** Default: the API over HTTP at `settings.apiUrl`. */
  target?: ApiTarget;
  /** Default: a pool on `settings.databaseUrl` (closed by `close`). */
  pool?: Pool;
  /** Scenarios to add or replace (a test's clickstream scenario on its own producer). */
  scenarios?: ScenarioRegistry;
  log?: (record: MinuteRecord) => void;
  /**
   * After each tick, e.g. to switch the schedule rule off once the last stream completed (the
   * control plane's rule sync); its failure is logged, never thrown into the tick's result.
   */
  afterTick?: (result: TickResult) => Promise<void>;
  /**
   * Hands a shard its slice of a split minute (deployed: an async Lambda invoke; locally: a
   * worker process). Without it no minute is split.
   */
  invokeShard?: ShardInvoker;
  /**
   * Hands a slow minute's wake windows over, each to start at `at` (deployed: delayed messages to
   * the wake queue). Without it no minute is woken: slow ones are held like any other.
   */
  sendWake?: WakePolicy["send"];
}

export interface TickOptions {
  timing?: Timing;
  streamIds?: readonly string[];
  onProgress?: (streamId: string, settled: number, total: number) => void;
}

export interface ServeOptions {
  /** Real epoch ms after which no request starts (a Lambda's remaining time). */
  deadline?: number;
  /** Serve the following minutes too while the deadline covers them (the Lambda holder). */
  hold?: boolean;
}

/** The generator, built once per process (Lambda module scope, local runner, CLI). */
export interface Generator {
  readonly pool: Pool;
  /** Every running stream's `minute`, prepared and fired now (the CLI, tests). */
  tick(minute: Date, options?: TickOptions): Promise<TickResult>;
  /** A schedule's delivery: prepares the minute after it before it begins, then fires it. */
  serve(trigger: Trigger, options?: ServeOptions): Promise<TickResult[]>;
  /**
   * An EventBridge scheduled event or SST Cron's `{}`, with the Lambda context's remaining time:
   * serves the next minute, and the ones after it while it holds the lease and has the time.
   */
  handleScheduled(
    event: unknown,
    context?: { getRemainingTimeInMillis?: () => number },
  ): Promise<TickResult[]>;
  /** A shard invocation's payload: fire that slice of that stream's minute. */
  handleShard(
    event: unknown,
    context?: { getRemainingTimeInMillis?: () => number },
  ): Promise<MinuteRecord>;
  /**
   * The wake queue's SQS event: each record's body is a window's job, fired like a shard. Never
   * throws: a redelivery could only fire late (the window's claim makes it fire nothing anyway),
   * and a window that fails shows in its minute's row as unaccounted events.
   */
  handleWake(
    event: unknown,
    context?: { getRemainingTimeInMillis?: () => number },
  ): Promise<(MinuteRecord | { error: string })[]>;
  /**
   * Runs the firing path once on synthetic traffic to loopback (once per process): a shard worker
   * at start, a shard Lambda on its first job, so its minute does not start on a cold JIT.
   */
  warmUp(): Promise<void>;
  /** Start the env-configured stream when none is running (local runs, the CLI). */
  ensureDefaultStream(): Promise<Stream | null>;
  /** Create `GENERATOR_INITIAL_USERS/IMAGES` through the API when the database has fewer. */
  bootstrap(): Promise<{ users: number; images: number }>;
  close(): Promise<void>;
}

// Stop starting requests this long before a Lambda's timeout, so the record still gets written.
const LAMBDA_MARGIN_MS = 3_000;

/**
 * Builds the generator once per process: its pool and its scenarios' plug-ins
 * (`createScenarioPlugins`), then serves ticks, schedule deliveries and shard jobs with them.
 */
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
  const plugins = createScenarioPlugins(
    { ...settings, seed: settings.defaultStream.seed ?? "bootstrap" },
    { target: overrides.target, replace: overrides.scenarios },
  );
  const scenarios = plugins.registry;
  let warm: Promise<void> | undefined;
  const warmUpOnce = () => {
    warm ??= plugins.warmUp();
    return warm;
  };
  const shards = overrides.invokeShard
    ? {
        eventsPerSecond: settings.shardRate,
        maxShards: settings.maxShards,
        invoke: overrides.invokeShard,
      }
    : undefined;
  const wake: WakePolicy | undefined = overrides.sendWake
    ? { belowPerSecond: settings.wakeRate, leadMs: settings.wakeLeadMs, send: overrides.sendWake }
    : undefined;
  const afterTick = async (result: TickResult) => {
    await overrides.afterTick?.(result).catch((e: unknown) => {
      console.error(
        JSON.stringify({ level: "error", message: "generator after tick", error: String(e) }),
      );
    });
  };
  const prepare = (minute: Date, options: TickOptions & { triggerDelayMs?: number | null }) =>
    prepareTick({
      db: pool,
      scenarios,
      minute,
      timing: { scale: settings.timeScale, ...options.timing },
      streamIds: options.streamIds,
      log: overrides.log,
      onProgress: options.onProgress,
      shards,
      wake,
      triggerDelayMs: options.triggerDelayMs,
    });
  const tick = async (minute: Date, options: TickOptions = {}) => {
    const result = await (await prepare(minute, options)).fire();
    await afterTick(result);
    return result;
  };
  const serveTrigger = (trigger: Trigger, options: ServeOptions = {}) =>
    serve({
      trigger,
      deadline: options.deadline,
      // Compressed minutes (tests) start when prepared: no lead to wait for, no next minute to hold.
      ahead: settings.timeScale === 1,
      hold:
        options.hold && settings.timeScale === 1
          ? { db: pool, requestTimeoutMs: settings.requestTimeoutMs }
          : undefined,
      prepare: (minute, triggerDelayMs) =>
        prepare(minute, { triggerDelayMs, timing: { deadline: options.deadline } }),
      wakesOnly: wake ? (minute) => wakesOnly({ db: pool, scenarios, minute, wake }) : undefined,
      afterMinute: afterTick,
    });
  const handleShard: Generator["handleShard"] = async (event, context) => {
    const remaining = context?.getRemainingTimeInMillis?.();
    const deadline =
      remaining === undefined ? undefined : Date.now() + remaining - LAMBDA_MARGIN_MS;
    const job = ShardJob.parse(event);
    // A cold container's first job runs the firing path once while its minute is ahead (not at
    // init: Lambda and LocalStack bound the init phase, and a loaded machine overran it). A wake
    // window fires a few events: its lead is for its delivery, not for warming a JIT.
    if (!job.range) await warmUpOnce();
    return runShard({ pool, scenarios, job, deadline, log: overrides.log });
  };
  return {
    pool,
    tick,
    serve: serveTrigger,
    handleScheduled(event, context) {
      const arrived = new Date();
      const remaining = context?.getRemainingTimeInMillis?.();
      const deadline =
        remaining === undefined ? undefined : arrived.getTime() + remaining - LAMBDA_MARGIN_MS;
      return serveTrigger(scheduledTrigger(event, arrived), { deadline, hold: true });
    },
    handleShard,
    async handleWake(event, context) {
      const records = sqsBodies(event);
      return Promise.all(
        records.map(async (body) => {
          try {
            return await handleShard(JSON.parse(body), context);
          } catch (e) {
            const error = e instanceof Error ? e.message : String(e);
            console.error(
              JSON.stringify({ level: "error", message: "generator wake window", error, body }),
            );
            return { error };
          }
        }),
      );
    },
    warmUp: warmUpOnce,
    ensureDefaultStream: () => ensureDefaultStream(pool, settings.defaultStream),
    bootstrap: () => plugins.bootstrap(pool),
    async close() {
      await plugins.close();
      if (!overrides.pool) await pool.end();
    },
  };
}

/** The bodies of an SQS event's records (`{ Records: [{ body }] }`); anything else has none. */
function sqsBodies(event: unknown): string[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return [];
  return records.flatMap((r) =>
    typeof (r as { body?: unknown } | null)?.body === "string"
      ? [(r as { body: string }).body]
      : [],
  );
}
