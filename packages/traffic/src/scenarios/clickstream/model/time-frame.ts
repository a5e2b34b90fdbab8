import { invalidInput } from "@gg/core/errors";
import type { Random } from "@gg/core/random";
import { toMicros } from "@gg/core/time";

/** When sessions happen: ending at `now` (live traffic), or inside an explicit backfill window. */
export type TimeFrame = { now: Date; window?: never } | { window: TimeWindow; now?: never };
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** A session's place in time: its start, and the latest instant any of its timestamps may take. */
export interface Placement {
  startMicros: number;
  limitMicros: number;
}

const MEAN_LAG_MICROS = 1_000_000;

/** Validate a frame; INVALID_INPUT unless it is exactly one of a valid `now` or a non-empty window. */
export function checkTimeFrame(frame: TimeFrame): TimeFrame {
  if (frame.now !== undefined && frame.window === undefined) {
    if (Number.isNaN(frame.now.getTime())) throw invalidInput("now is not a valid date");
    return frame;
  }
  const w = frame.window;
  if (w === undefined || frame.now !== undefined) {
    throw invalidInput("give exactly one of `now` or `window`", { loc: ["time"] });
  }
  if (!(w.start.getTime() < w.end.getTime())) {
    throw invalidInput("backfill window must have start < end", { loc: ["window"] });
  }
  return frame;
}

/** The earliest instant sessions of the frame may start from: `now`, or the window's start. */
export const frameStart = (frame: TimeFrame): Date => frame.window?.start ?? (frame.now as Date);

/**
 * Place a session of `spanMicros` (first event to departure). Live: it ends a short exponential
 * lag before `now`, so nothing is in the future. Backfill: a uniform start such that the whole
 * session fits; a session longer than the window starts at its start and is cut at its end.
 */
export function placeSession(
  frame: TimeFrame,
  spanMicros: number,
  rng: Random,
  now?: Date,
): Placement {
  if (frame.window === undefined) {
    const nowMicros = toMicros(now ?? frame.now);
    const end = nowMicros - Math.round(rng.exponential(1) * MEAN_LAG_MICROS);
    return { startMicros: end - spanMicros, limitMicros: nowMicros };
  }
  const start = toMicros(frame.window.start);
  const end = toMicros(frame.window.end);
  const room = end - start - spanMicros;
  const startMicros = room > 0 ? start + Math.floor(rng.next() * room) : start;
  return { startMicros, limitMicros: end };
}
