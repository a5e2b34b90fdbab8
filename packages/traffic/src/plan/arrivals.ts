import type { Random } from "@gg/core/random";

/** When events happen within one minute. */
export interface Arrivals {
  readonly count: number;
  /** Sorted offsets in ms within [0, 60000). */
  readonly offsetsMs: Float64Array;
}

const MINUTE_MS = 60_000;

/**
 * A minute of a Poisson process at `ratePerSecond`: N ~ Poisson(λ·60), then N sorted uniform
 * offsets. Given N, a Poisson process's points are i.i.d. uniform, so the order statistics make
 * a true Poisson process with no gap or pile-up at minute boundaries.
 */
export function drawArrivals(countRng: Random, offsetRng: Random, ratePerSecond: number): Arrivals {
  return uniformOffsets(offsetRng, countRng.poisson(ratePerSecond * 60));
}

/** `count` sorted uniform offsets over the minute (also how viral bursts spread). */
export function uniformOffsets(rng: Random, count: number): Arrivals {
  const offsetsMs = new Float64Array(count);
  for (let i = 0; i < count; i++) offsetsMs[i] = rng.next() * MINUTE_MS;
  offsetsMs.sort();
  return { count, offsetsMs };
}
