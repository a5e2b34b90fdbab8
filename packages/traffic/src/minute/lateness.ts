/** Lateness percentiles of a minute (ms); null when nothing was sent or lateness is meaningless. */
export interface Lateness {
  p50: number | null;
  p99: number | null;
  max: number | null;
}

// Log-linear buckets over whole microseconds: exact below 1,024 µs, then 512 buckets per power of
// two (0.2% relative error), up to 2^40 µs. A fixed 70 KB per minute whatever its rate: a stream of
// 600,000 events a minute costs no more memory here than one of 6 (the record never holds N values).
const LINEAR = 1024;
const SUB = 512;
const BUCKETS = LINEAR + 31 * SUB;

const bucketOf = (us: number): number => {
  if (us < LINEAR) return us;
  const e = Math.min(31, Math.floor(Math.log2(us)) - 9);
  return LINEAR + (e - 1) * SUB + (Math.floor(us / 2 ** e) - SUB);
};
const lowerBoundUs = (b: number): number => {
  if (b < LINEAR) return b;
  const e = Math.floor((b - LINEAR) / SUB) + 1;
  return (SUB + ((b - LINEAR) % SUB)) * 2 ** e;
};

/** A lateness histogram as stored: `[bucket, count]` pairs and the maximum (ms). */
export interface SparseLateness {
  buckets: [number, number][];
  max: number;
}

/** Lateness values recorded one at a time into bounded memory; nearest-rank percentiles. */
export class LatenessRecorder {
  private readonly counts = new Uint32Array(BUCKETS);
  private n = 0;
  private maxMs = 0;

  record(ms: number): void {
    const v = Math.max(ms, 0);
    const us = Math.round(v * 1000);
    this.counts[bucketOf(us)]! += 1;
    this.n++;
    if (v > this.maxMs) this.maxMs = v;
  }

  get count(): number {
    return this.n;
  }

  /** The non-empty buckets and the maximum: what a shard stores so shards merge exactly. */
  toSparse(): SparseLateness {
    const buckets: [number, number][] = [];
    for (let b = 0; b < BUCKETS; b++) if (this.counts[b]) buckets.push([b, this.counts[b]!]);
    return { buckets, max: this.maxMs };
  }

  /** Adds another recorder's sparse histogram (another shard of the same minute). */
  merge(other: SparseLateness): void {
    for (const [b, c] of other.buckets) {
      if (b < 0 || b >= BUCKETS) continue;
      this.counts[b]! += c;
      this.n += c;
    }
    if (other.max > this.maxMs) this.maxMs = other.max;
  }

  /** p50, p99 (a bucket's lower bound) and the exact maximum, in ms. */
  summary(): Lateness {
    if (this.n === 0) return { p50: null, p99: null, max: null };
    const at = (p: number) => {
      const rank = Math.max(1, Math.ceil(p * this.n));
      let seen = 0;
      for (let b = 0; b < BUCKETS; b++) {
        seen += this.counts[b] as number;
        if (seen >= rank) return Math.min(lowerBoundUs(b) / 1000, this.maxMs);
      }
      return this.maxMs;
    };
    return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(this.maxMs) };
  }
}

/** Exact nearest-rank p50, p99 and the maximum of `values` (ms), for small samples in hand. */
export function latenessOf(values: readonly number[]): Lateness {
  if (values.length === 0) return { p50: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
  return {
    p50: round(rank(0.5)),
    p99: round(rank(0.99)),
    max: round(sorted[sorted.length - 1] as number),
  };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
