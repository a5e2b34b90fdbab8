import { createRandom } from "@gg/core/random";
import { describe, expect, it } from "vitest";
import { binomialZ, correlation, exponentialCdf, kolmogorovQ, ksTest, meanVar } from "./stats";

const SEED = Number(process.env.TEST_SEED ?? 20261123);

// The statistical tests below lean on these helpers, so each is shown able to reject.
describe(`test statistics helpers (seed ${SEED})`, () => {
  it("Kolmogorov's Q matches tabulated values", () => {
    expect(kolmogorovQ(1.358)).toBeCloseTo(0.05, 3);
    expect(kolmogorovQ(1.628)).toBeCloseTo(0.01, 3);
    expect(kolmogorovQ(0.1)).toBe(1);
  });

  it("KS accepts exponential samples and rejects uniform, shifted or mis-scaled ones", () => {
    const r = createRandom(SEED, "ks");
    const exp = Array.from({ length: 20_000 }, () => r.exponential(2));
    expect(ksTest(exp, exponentialCdf(2)).pValue).toBeGreaterThan(0.001);
    expect(ksTest(exp, exponentialCdf(2.1)).pValue).toBeLessThan(0.001);
    const uniform = Array.from({ length: 20_000 }, () => r.next());
    expect(ksTest(uniform, exponentialCdf(2)).pValue).toBeLessThan(1e-6);
    // Evenly spaced arrivals (a fixed-rate generator) have constant gaps: far from exponential.
    expect(ksTest(Array(5_000).fill(0.5), exponentialCdf(2)).pValue).toBeLessThan(1e-6);
  });

  it("mean/variance, binomial z and correlation", () => {
    expect(meanVar([1, 2, 3, 4])).toEqual({ mean: 2.5, variance: 5 / 3 });
    expect(binomialZ(500, 1000, 0.5)).toBe(0);
    expect(binomialZ(600, 1000, 0.5)).toBeGreaterThan(6);
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });
});
