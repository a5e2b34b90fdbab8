import type { Random } from "@gg/core/random";

/**
 * A Fenwick (binary indexed) tree of non-negative weights: O(log n) weighted draw and O(log n)
 * weight update, where an alias table would need an O(n) rebuild after every change.
 */
export class WeightTree {
  private readonly tree: Float64Array;
  private readonly step: number;
  private sum = 0;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    this.size = n;
    this.tree = new Float64Array(n + 1);
    // O(n) build: each node pushes its partial sum to its parent once.
    for (let i = 1; i <= n; i++) {
      const w = weights[i - 1] as number;
      if (!(w >= 0)) throw new RangeError(`weight ${i - 1} is ${w}; weights must be >= 0`);
      this.tree[i] = (this.tree[i] as number) + w;
      this.sum += w;
      const parent = i + (i & -i);
      if (parent <= n) this.tree[parent] = (this.tree[parent] as number) + (this.tree[i] as number);
    }
    this.step = n === 0 ? 0 : 2 ** Math.floor(Math.log2(n));
  }

  get total(): number {
    return this.sum;
  }

  /** Adds `delta` to the weight at `index`. */
  add(index: number, delta: number): void {
    this.sum += delta;
    for (let i = index + 1; i <= this.size; i += i & -i) {
      this.tree[i] = (this.tree[i] as number) + delta;
    }
  }

  /** An index drawn with probability proportional to its weight. */
  draw(rng: Random): number {
    if (!(this.sum > 0)) throw new RangeError("draw from weights with no positive sum");
    let target = rng.next() * this.sum;
    let pos = 0;
    // Binary lifting: find the largest prefix whose sum is <= target; the answer is the next slot.
    for (let bit = this.step; bit > 0; bit >>= 1) {
      const next = pos + bit;
      if (next <= this.size && (this.tree[next] as number) <= target) {
        pos = next;
        target -= this.tree[next] as number;
      }
    }
    return Math.min(pos, this.size - 1);
  }
}
