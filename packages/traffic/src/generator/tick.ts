import { AppError } from "@gg/core/errors";
import type { Queryable } from "@gg/core/sql";
import {
  MINUTE_MS,
  type MinuteRecord,
  prepareStreamMinute,
  type ReadyMinute,
  type Scenario,
  type ScenarioRegistry,
  type StreamMinute,
  seedOf,
  type Timing,
} from "../minute/index";
import { coordinateMinute, isWoken, type ShardPolicy, type WakePolicy } from "../shards/index";
import * as Streams from "../streams/index";

/** One stream's outcome in a tick: its minute's record, or why it failed. */
export type StreamOutcome =
  | { streamId: string; scenario: string; record: MinuteRecord }
  | { streamId: string; scenario: string; error: string };

export interface TickResult {
  minute: string;
  streams: StreamOutcome[];
  /** Streams completed (duration or budget reached) around this tick. */
  completed: string[];
}

export interface TickInput {
  db: Queryable;
  scenarios: ScenarioRegistry;
  minute: Date;
  timing?: Timing;
  /** Only these streams (the CLI's `--stream`); default every running stream. */
  streamIds?: readonly string[];
  now?: () => Date;
  /** Split minutes above one invocation's rate over shard invocations (absent: never split). */
  shards?: ShardPolicy;
  /** Cut live minutes below the wake rate into wake windows (absent: never woken). */
  wake?: WakePolicy;
  /** How late the schedule's trigger for this minute came (ms); absent: no trigger served it. */
  triggerDelayMs?: number | null;
  log?: (record: MinuteRecord) => void;
  onProgress?: (streamId: string, settled: number, total: number) => void;
  logError?: (line: Record<string, unknown>) => void;
}

/** A tick's minute made ready: `fire` waits for the minute's start and fires every stream. */
export interface PreparedTick {
  minute: string;
  /** Streams prepared (sharded ones included): zero means there was nothing to serve. */
  streams: number;
  /** Of those, the streams handed to wake windows: nothing of theirs waits in this process. */
  woken: number;
  fire(): Promise<TickResult>;
}

type Base = { streamId: string; scenario: string };
type Prepared =
  | (Base & { ready: ReadyMinute })
  | (Base & { record: MinuteRecord })
  | (Base & { error: string });

/**
 * A tick's first half, run before the minute begins: complete the streams that are done, create
 * the actors a stream's plan lacks, then claim and plan this minute of every running stream
 * concurrently (each with its remaining budget) and hand out the shards of split minutes. Streams
 * are isolated: each minute runs in its own promise with its own settings, connections and bounded
 * memory, and one stream's failure (a bad config, a planner error, its API lane down) is reported
 * in the result and logged without touching the others' minutes.
 */
export async function prepareTick(input: TickInput): Promise<PreparedTick> {
  const now = input.now ?? (() => new Date());
  const minuteMs = Math.floor(input.minute.getTime() / MINUTE_MS) * MINUTE_MS;
  const live = (input.timing?.mode ?? "live") === "live";
  const ahead = live && (input.timing?.scale ?? 1) === 1 && minuteMs > now().getTime();
  // A minute prepared ahead is not one of a stream that ends before it starts.
  const completed = await Streams.completeFinished(
    input.db,
    now(),
    ahead ? new Date(minuteMs) : undefined,
  );
  // Each with the configuration in force for this minute: a change reaches the first minute
  // not yet prepared when it was made, and a backfilled minute plans what was in force then.
  const running = await Streams.inForce(
    input.db,
    (await Streams.list(input.db, "running")).filter(
      (s) => !input.streamIds || input.streamIds.includes(s.stream_id),
    ),
    new Date(minuteMs),
  );
  const fail = (base: Base, e: unknown): Base & { error: string } => {
    const error = e instanceof Error ? e.message : String(e);
    (input.logError ?? logError)({ message: "generator stream minute failed", ...base, error });
    return { ...base, error };
  };
  // Actors first, one stream after another in a fixed order: every stream then plans against the
  // same world, which is also what its replay will read. Failing to create them (the API down)
  // fails nothing: the minute is planned against what exists, and its skips say so.
  const actors = new Map<string, number>();
  for (const stream of [...running].sort((a, b) => a.stream_id.localeCompare(b.stream_id))) {
    const ensure = input.scenarios[stream.scenario]?.ensureActors;
    if (!ensure) continue;
    try {
      actors.set(
        stream.stream_id,
        await ensure({ seed: seedOf(stream), minute: new Date(minuteMs), db: input.db }),
      );
    } catch (e) {
      (input.logError ?? logError)({
        message: "generator actors for a new minute",
        streamId: stream.stream_id,
        minute: new Date(minuteMs).toISOString(),
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  const prepared = await Promise.all(
    running.map(async (stream): Promise<Prepared | null> => {
      const base = { streamId: stream.stream_id, scenario: stream.scenario };
      try {
        const scenario = scenarioOf(input.scenarios, stream);
        const budget = await Streams.remainingBudget(input.db, stream, new Date(minuteMs));
        // Its budget is spent by the minutes still firing: nothing to prepare.
        if (budget <= 0) return null;
        const job: StreamMinute & { db: Queryable } = {
          db: input.db,
          stream,
          configVersion: stream.configVersion,
          minute: input.minute,
          budget,
          timing: input.timing ?? {},
          log: input.log,
          triggerDelayMs: input.triggerDelayMs,
          actorsCreated: actors.get(stream.stream_id) ?? 0,
          stillRunning: async () =>
            (await Streams.get(input.db, stream.stream_id)).status === "running",
          onProgress: input.onProgress
            ? (settled: number, total: number) =>
                input.onProgress?.(stream.stream_id, settled, total)
            : undefined,
        };
        const split = { shards: input.shards, wake: input.wake };
        const record =
          (split.shards || split.wake) && (await coordinateMinute(scenario, job, split));
        if (record) return { ...base, record };
        return { ...base, ready: await prepareStreamMinute(scenario, job) };
      } catch (e) {
        return fail(base, e);
      }
    }),
  );
  const ready = prepared.filter((p): p is Prepared => p !== null);
  const minute = new Date(minuteMs).toISOString();
  return {
    minute,
    streams: ready.length,
    woken: ready.filter((p) => "record" in p && p.record.status === "woken").length,
    async fire() {
      const streams = await Promise.all(
        ready.map(async (p): Promise<StreamOutcome> => {
          if (!("ready" in p)) return p;
          const base = { streamId: p.streamId, scenario: p.scenario };
          try {
            return { ...base, record: await p.ready.fire() };
          } catch (e) {
            return fail(base, e);
          }
        }),
      );
      completed.push(...(await Streams.completeFinished(input.db, now())));
      return { minute, streams, completed };
    },
  };
}

/**
 * Whether every stream running for `minute` would be woken in windows (none fired in process or
 * by shards): then the minute can be prepared as soon as its trigger arrives, and nothing needs to
 * stay alive for it. False without running streams.
 */
export async function wakesOnly(input: {
  db: Queryable;
  scenarios: ScenarioRegistry;
  minute: Date;
  wake: WakePolicy;
  streamIds?: readonly string[];
}): Promise<boolean> {
  const minute = new Date(Math.floor(input.minute.getTime() / MINUTE_MS) * MINUTE_MS);
  const running = await Streams.inForce(
    input.db,
    (await Streams.list(input.db, "running")).filter(
      (s) => !input.streamIds || input.streamIds.includes(s.stream_id),
    ),
    minute,
  );
  return (
    running.length > 0 &&
    running.every((stream) => {
      const scenario = input.scenarios[stream.scenario];
      const parsed = scenario?.config.safeParse(stream.config);
      if (!scenario?.size || !parsed?.success) return false;
      const { expected } = scenario.size({ config: parsed.data, seed: seedOf(stream), minute });
      return isWoken(scenario, expected, input.wake);
    })
  );
}

/** A tick prepared and fired at once (the CLI, tests): its first events wait for the preparing. */
export async function runTick(input: TickInput): Promise<TickResult> {
  return (await prepareTick(input)).fire();
}

function scenarioOf(scenarios: ScenarioRegistry, stream: Streams.Stream): Scenario {
  const scenario = scenarios[stream.scenario];
  if (!scenario) {
    throw new AppError(
      "UNAVAILABLE",
      `scenario ${stream.scenario} is not wired into the generator (stream ${stream.stream_id})`,
    );
  }
  return scenario;
}

const logError = (line: Record<string, unknown>) =>
  console.error(JSON.stringify({ level: "error", ...line }));
