import { invalidInput } from "@gg/core/errors";

/**
 * The most events one process fires in one stream's minute: 20,000 a second, twice what the bench
 * sustains on one core. Beyond it a minute would only pile up late events and hold the event loop
 * from the other streams, so it fails alone, at once, before firing anything. Memory is bounded
 * anyway (the plan is drawn in time order and counts are tallied, never listed), so this bounds
 * the CPU one stream can take from the others.
 */
export const MAX_EVENTS_PER_MINUTE = 1_200_000;

/** Refuses a minute of `count` events above the ceiling, naming the stream and the ceiling. */
export function checkMinuteSize(streamId: string, count: number): void {
  if (count > MAX_EVENTS_PER_MINUTE) {
    throw invalidInput(
      `stream ${streamId}: ${count} events in one minute is above the per-process ceiling of ${MAX_EVENTS_PER_MINUTE} (${MAX_EVENTS_PER_MINUTE / 60} events/s); lower its rate`,
    );
  }
}
