import { AppError } from "@gg/core/errors";
import type { Queryable } from "@gg/core/sql";
import {
  type MinuteRecord,
  runStreamMinute,
  type ScenarioRegistry,
  type Timing,
} from "../minute/index";
import { coordinateMinute, type ShardPolicy } from "../shards/index";
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
  log?: (record: MinuteRecord) => void;
  onProgress?: (streamId: string, settled: number, total: number) => void;
  logError?: (line: Record<string, unknown>) => void;
}

/**
 * A scheduled tick: complete the streams that are done, then run this minute of every running
 * stream concurrently (each with its remaining budget), then complete again. Streams are isolated:
 * each minute runs in its own promise with its own settings, connections and bounded memory, and
 * one stream's failure (a bad config, a planner error, its API lane down) is reported in the
 * result and logged without touching the others' minutes.
 */
export async function runTick(input: TickInput): Promise<TickResult> {
  const now = input.now ?? (() => new Date());
  const completed = await Streams.completeFinished(input.db, now());
  const running = (await Streams.list(input.db, "running")).filter(
    (s) => !input.streamIds || input.streamIds.includes(s.stream_id),
  );
  const streams = await Promise.all(
    running.map(async (stream): Promise<StreamOutcome> => {
      const base = { streamId: stream.stream_id, scenario: stream.scenario };
      try {
        const scenario = input.scenarios[stream.scenario];
        if (!scenario) {
          throw new AppError(
            "UNAVAILABLE",
            `scenario ${stream.scenario} is not wired into the generator (stream ${stream.stream_id})`,
          );
        }
        const job = {
          db: input.db,
          stream,
          minute: input.minute,
          budget: await Streams.remainingBudget(input.db, stream),
          timing: input.timing ?? {},
          log: input.log,
          onProgress: input.onProgress
            ? (settled: number, total: number) =>
                input.onProgress?.(stream.stream_id, settled, total)
            : undefined,
        };
        const record =
          (input.shards && (await coordinateMinute(scenario, job, input.shards))) ??
          (await runStreamMinute(scenario, job));
        return { ...base, record };
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        (input.logError ?? logError)({ message: "generator stream minute failed", ...base, error });
        return { ...base, error };
      }
    }),
  );
  completed.push(...(await Streams.completeFinished(input.db, now())));
  return {
    minute: new Date(Math.floor(input.minute.getTime() / 60_000) * 60_000).toISOString(),
    streams,
    completed,
  };
}

const logError = (line: Record<string, unknown>) =>
  console.error(JSON.stringify({ level: "error", ...line }));
