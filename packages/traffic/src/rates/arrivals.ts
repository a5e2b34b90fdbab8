import type { Random } from "@gg/core/random";

/** When events happen within one minute. */
export interface Arrivals {
  readonly count: number;
  /** Sorted offsets in ms within [0, 60000). */
  readonly offsetsMs: Float64Array;
}

const MINUTE_MS = 60_000;

/**
 * The order statistics of `count` uniform draws over the minute, produced in ascending order one
 * at a time: no array of N, no sort, so the first offset is ready in O(1) whatever the rate. Given
 * the previous point u, the next is u + (1 − u)·(1 − V^(1/m)) with m points left and V uniform:
 * the minimum of m uniforms on [u, 1), which is exactly the next order statistic.
 */
export class AscendingOffsets {
  private left: number;
  private u = 0;

  constructor(
    private readonly rng: Random,
    readonly count: number,
  ) {
    this.left = count;
  }

  /** The next offset in ms within [0, 60000), or undefined after the last. */
  next(): number | undefined {
    if (this.left === 0) return undefined;
    // 1 − next() is in (0, 1], so log never sees 0; −expm1(log(V)/m) is 1 − V^(1/m), precisely.
    const v = 1 - this.rng.next();
    this.u += (1 - this.u) * -Math.expm1(Math.log(v) / this.left);
    this.left--;
    return Math.min(this.u, 1 - Number.EPSILON) * MINUTE_MS;
  }
}

/** N ~ Poisson(λ·60) for a minute at `ratePerSecond`. */
export function arrivalCount(countRng: Random, ratePerSecond: number): number {
  return countRng.poisson(ratePerSecond * 60);
}

/**
 * A minute of a Poisson process at `ratePerSecond`: N ~ Poisson(λ·60), then N sorted uniform
 * offsets. Given N, a Poisson process's points are i.i.d. uniform, so the order statistics make
 * a true Poisson process with no gap or pile-up at minute boundaries.
 */
export function drawArrivals(countRng: Random, offsetRng: Random, ratePerSecond: number): Arrivals {
  return uniformOffsets(offsetRng, arrivalCount(countRng, ratePerSecond));
}

/** `count` sorted uniform offsets over the minute, as an array (small minutes, tests). */
export function uniformOffsets(rng: Random, count: number): Arrivals {
  const offsetsMs = new Float64Array(count);
  const seq = new AscendingOffsets(rng, count);
  for (let i = 0; i < count; i++) offsetsMs[i] = seq.next() as number;
  return { count, offsetsMs };
}
