import type { Random } from "./random";

/**
 * Walker/Vose alias table: O(n) to build, O(1) per draw. For hot paths that pick from the same
 * weighted list many times (popular images, products).
 */
export class Alias {
  private readonly prob: Float64Array;
  private readonly alias: Uint32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    if (n === 0) throw new RangeError("alias table over no weights");
    const total = weights.reduce((s, w) => s + w, 0);
    if (!(total > 0)) throw new RangeError("weights must have a positive sum");
    this.prob = new Float64Array(n);
    this.alias = new Uint32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => {
      (p < 1 ? small : large).push(i);
    });
    while (small.length && large.length) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      (scaled[l] as number) < 1 ? small.push(l) : large.push(l);
    }
    for (const i of [...small, ...large]) this.prob[i] = 1;
  }

  get size(): number {
    return this.prob.length;
  }

  /** One index, with probability proportional to its weight. */
  draw(rng: Random): number {
    const u = rng.next() * this.prob.length;
    const i = Math.floor(u);
    return u - i < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }
}
