import { text } from "@gg/core/fields";
import { z } from "zod";

const MINUTE_MS = 60_000;

/**
 * The most minutes a replay carries: a week. Every later read of the stream (each tick, each
 * start's capacity check, each dashboard poll) parses them, and the body limit (64 KB) holds about
 * this many short counts anyway.
 */
export const MAX_REPLAY_MINUTES = 7 * 24 * 60;

// The widest epoch milliseconds a Date holds (±100,000,000 days).
const MAX_DATE_MS = 8.64e15;

/**
 * An instant as JSON writes one: an ISO-8601 string (bounded, so Date's parser never sees a
 * megabyte; no NUL, which a stream's stored configuration cannot hold) or epoch milliseconds.
 */
export const Instant = z
  .union([text({ max: 64 }), z.number().min(-MAX_DATE_MS).max(MAX_DATE_MS)])
  .pipe(z.coerce.date());

/**
 * A recorded shape replayed: `counts[i]` × `scale` is the expected number of events in minute i
 * from `start` (by default the stream's first minute boundary). After the last minute the shape
 * starts again with `loop`, else the stream fires nothing more. The count of each minute is
 * Poisson around its expected value, or exactly it (rounded) with `exact`; times stay Poisson
 * inside the minute.
 */
export const Replay = z.strictObject({
  counts: z.array(z.number().nonnegative().max(1e9)).min(1).max(MAX_REPLAY_MINUTES),
  loop: z.boolean().default(false),
  scale: z.number().positive().max(1_000).default(1),
  exact: z.boolean().default(false),
  start: Instant.optional(),
});
export type Replay = z.output<typeof Replay>;

/** The expected events/second of the minute starting at `t0` (epoch ms) under `replay`. */
export function replayRate(replay: Replay, t0: number): number {
  const start = replay.start ? Math.ceil(replay.start.getTime() / MINUTE_MS) * MINUTE_MS : 0;
  const n = replay.counts.length;
  let i = Math.floor((t0 - start) / MINUTE_MS);
  if (i < 0) return 0;
  if (i >= n) {
    if (!replay.loop) return 0;
    i %= n;
  }
  return ((replay.counts[i] as number) * replay.scale) / 60;
}

/** The highest expected events/second of any minute of `replay`. */
export function replayPeak(replay: Replay): number {
  let max = 0;
  for (const c of replay.counts) if (c > max) max = c;
  return (max * replay.scale) / 60;
}
