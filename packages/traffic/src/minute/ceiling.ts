import { invalidInput } from "@gg/core/errors";
import { formatRate } from "@gg/core/rate";
import { minuteCeiling, PROCESS_MAX_RATE } from "../rates/index";

/** The most events one process fires in one stream's minute, whatever the deployment's ceiling. */
export const MAX_EVENTS_PER_MINUTE = minuteCeiling(PROCESS_MAX_RATE);

/**
 * Refuses a minute of `count` events above what a stream at `maxRate` (events/s: the scenario's
 * deployment ceiling, `RateCeilings`; default the per-process bound) can draw, naming the stream
 * and the ceiling. It fails that stream alone, at once, before firing anything. Memory is bounded
 * anyway (the plan is drawn in time order and counts are tallied, never listed), so this bounds
 * the CPU one stream can take from the others.
 */
export function checkMinuteSize(
  streamId: string,
  count: number,
  maxRate: number = PROCESS_MAX_RATE,
): void {
  const ceiling = minuteCeiling(Math.min(maxRate, PROCESS_MAX_RATE));
  if (count > ceiling) {
    throw invalidInput(
      `stream ${streamId}: ${count} events in one minute is above the ceiling of ${ceiling} (a stream at ${formatRate(maxRate)}, the ceiling it was admitted under); lower its rate`,
    );
  }
}
