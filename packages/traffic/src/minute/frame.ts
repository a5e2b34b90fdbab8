import type { Clock } from "@gg/core/time";

export const MINUTE_MS = 60_000;

/** How a minute is laid out in real time. */
export interface Timing {
  /** `live` (default): each event at its planned time; `backfill`: all at once, as fast as allowed. */
  mode?: "live" | "backfill";
  /**
   * Time compression for tests and benches: the minute plays in 60 s / scale, starting now. At 1
   * (production) planned time is real time, so an invocation that starts late fires the events
   * whose time has passed at once, and their lateness says so.
   */
  scale?: number;
  /** Real epoch ms after which no request starts (a Lambda's remaining time). */
  deadline?: number;
  /**
   * Real epoch ms at which the minute's offset 0 plays (benches and tests that play a whole
   * minute in real time without waiting for a boundary). Default: the minute itself at scale 1,
   * else now.
   */
  startAt?: number;
}

/**
 * Retries of a minute's events go on this long after the minute ends (real ms, at any scale): an
 * outage that ends inside the minute loses nothing, and the next minute's invocation is not
 * kept waiting for long.
 */
export const RETRY_GRACE_MS = 10_000;

/**
 * How long before its start a minute is prepared (claimed, planned, its shards started). Long
 * enough for a shard Lambda's cold start and its slice's plan; short enough that the state it
 * reads (as of a minute before its start, `STATE_LAG_MS`) is settled: the minute before that one
 * stops retrying 10 s after its end (`RETRY_GRACE_MS`) and its last requests time out 10 s later,
 * 40 s before this minute starts. A trigger that arrives later than this prepares at once.
 */
export const PREPARE_LEAD_MS = 20_000;

/** A minute placed in real time: when each offset is due, and when firing and retrying stop. */
export interface MinuteFrame {
  /** The minute's start, ISO-8601 UTC. */
  minute: string;
  minuteMs: number;
  mode: "live" | "backfill";
  scale: number;
  /** Real epoch ms at which offset 0 is due. */
  realStart: number;
  /** Real epoch ms of the minute's end (its start in backfill). */
  end: number;
  /** No first attempt starts after this (real epoch ms). */
  deadline: number;
  /** No retry starts after this: the minute's end plus a short grace, within the deadline. */
  retryUntil: number;
}

/** Frames `minute` (any instant in it; floored to the UTC minute) on `clock`. */
export function minuteFrame(minute: Date, timing: Timing, clock: Clock): MinuteFrame {
  const minuteMs = Math.floor(minute.getTime() / MINUTE_MS) * MINUTE_MS;
  const mode = timing.mode ?? "live";
  const scale = timing.scale ?? 1;
  const realStart =
    mode === "backfill" ? clock.now() : (timing.startAt ?? (scale === 1 ? minuteMs : clock.now()));
  const end = mode === "backfill" ? realStart : realStart + MINUTE_MS / scale;
  const deadline = timing.deadline ?? Number.POSITIVE_INFINITY;
  // Backfill fires at once, so its events get a whole (scaled) minute to recover too.
  const retryEnd = (mode === "backfill" ? end + MINUTE_MS / scale : end) + RETRY_GRACE_MS;
  return {
    minute: new Date(minuteMs).toISOString(),
    minuteMs,
    mode,
    scale,
    realStart,
    end,
    deadline,
    retryUntil: Math.min(deadline, retryEnd),
  };
}

/** Real epoch ms at which an event `offsetMs` into the minute is due. */
export function dueAt(frame: MinuteFrame, offsetMs: number): number {
  return frame.mode === "backfill" ? frame.realStart : frame.realStart + offsetMs / frame.scale;
}
