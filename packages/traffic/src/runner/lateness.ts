/** Lateness percentiles of a minute (ms); null when nothing was sent or lateness is meaningless. */
export interface Lateness {
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** Nearest-rank p50, p99 and the maximum of `values` (ms). */
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
