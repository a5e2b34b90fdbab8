import { rateAt } from "../../../rates/index";
import type { PlannerConfig } from "../plan/index";

/** Rows read per sample, whatever the tables hold: the floor keeps a quiet minute's skew smooth. */
export const MIN_SAMPLE = 2048;
/** The ceiling: 65,536 tickets are ~5 MB of rows, well inside a 256 MB generator. */
export const MAX_SAMPLE = 65_536;
/** Sampled rows per expected event, so a busy minute spreads over many images and users. */
const PER_EVENT = 4;

/**
 * How many users and engagement rows a minute samples: a function of the minute's expected
 * events (seed-free and state-free, so a replay reads the same window), never of table size.
 */
export function sampleSize(config: PlannerConfig, minute: Date): number {
  const viral = config.mode === "simulate_viral";
  const background = !viral || config.viral.background ? rateAt(config.rate, minute) * 60 : 0;
  const burst = viral ? config.viral.views + config.viral.comments + config.viral.flags : 0;
  const wanted = Math.ceil(PER_EVENT * (background + burst));
  return Math.min(MAX_SAMPLE, Math.max(MIN_SAMPLE, wanted));
}

/**
 * Users read per minute for a sample of `size` engagement rows: half as many (at least the floor).
 * A minute's actors are at most its events, and sessions reuse them, so this still leaves the
 * busiest minute a fresh user for every two events.
 */
export function userSampleSize(size: number): number {
  return Math.max(MIN_SAMPLE, Math.ceil(size / 2));
}
