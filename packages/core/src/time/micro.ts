/**
 * A Date that also carries the microseconds below its millisecond (0–999): what a write's arrival
 * time is, so rows and events keep the contract's six fractional digits instead of padding three
 * zeros. It is a Date everywhere else (comparisons, `getTime`, JSON).
 */
export class MicroDate extends Date {
  readonly micros: number;

  constructor(epochMicros: number) {
    const ms = Math.floor(epochMicros / 1000);
    super(ms);
    this.micros = Math.min(999, Math.max(0, Math.round(epochMicros - ms * 1000)));
  }
}

/** The microseconds below a Date's millisecond: a MicroDate's own, 0 for any other Date. */
export const microsOf = (date: Date): number => (date instanceof MicroDate ? date.micros : 0);

// Past this distance from Date.now() the anchor is taken again: the wall clock was stepped (NTP,
// a VM resumed). Inside it the reading stays on the monotonic timer, so consecutive readings never
// go back and gaps keep their microseconds.
const STEP_MS = 2;

/**
 * The wall clock to the microsecond: `performance.now()` (monotonic, sub-millisecond) anchored to
 * `Date.now()` (milliseconds). `Date.now()` alone floors every arrival to its millisecond, which
 * bunches the gaps between landed events (the landed-time tests judge those gaps against the
 * exponential). Each reading is bracketed by two reads of the wall clock; the anchor is taken
 * again only when the reading falls outside them by more than a step and the bracket is tight (a
 * thread paused between the reads, as a loaded machine does, proves nothing about the clocks).
 */
export function microClock(
  wall: () => number = Date.now,
  mono: () => number = () => performance.now(),
): () => MicroDate {
  let anchor = wall() - mono();
  return () => {
    const before = wall();
    const m = mono();
    const after = wall();
    let at = anchor + m;
    const stepped = at < before - STEP_MS || at > after + 1 + STEP_MS;
    if (stepped && after - before <= 1) {
      // The true time at `m` is in [before, after + 1): take the middle of it.
      anchor = (before + after + 1) / 2 - m;
      at = anchor + m;
    }
    return new MicroDate(Math.round(at * 1000));
  };
}
