/** Small statistics helpers for the generator's tests (no dependency needed for these). */

/** Mean and unbiased variance. */
export function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i] as number;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((xs[i] as number) - mean) ** 2;
  return { mean, variance: ss / (n - 1) };
}

/**
 * One-sample Kolmogorov–Smirnov test of `samples` against a continuous `cdf`: the statistic
 * D = sup |F_n − F| and its asymptotic p-value (with Stephens' small-n correction).
 */
export function ksTest(
  samples: ArrayLike<number>,
  cdf: (x: number) => number,
): { d: number; pValue: number } {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return { d, pValue: kolmogorovQ((Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d) };
}

/** Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²): P(√n·D > λ) under the null, as n → ∞. */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** CDF of the exponential with the given rate. */
export const exponentialCdf =
  (rate: number) =>
  (x: number): number =>
    x <= 0 ? 0 : 1 - Math.exp(-rate * x);

/** |observed − n·p| in binomial standard deviations. */
export function binomialZ(observed: number, n: number, p: number): number {
  const sd = Math.sqrt(n * p * (1 - p));
  return sd === 0
    ? observed === n * p
      ? 0
      : Number.POSITIVE_INFINITY
    : Math.abs(observed - n * p) / sd;
}

/** Pearson correlation of two equal-length series. */
export function correlation(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const a = meanVar(xs);
  const b = meanVar(ys);
  let s = 0;
  for (let i = 0; i < xs.length; i++)
    s += ((xs[i] as number) - a.mean) * ((ys[i] as number) - b.mean);
  return s / (xs.length - 1) / Math.sqrt(a.variance * b.variance);
}
