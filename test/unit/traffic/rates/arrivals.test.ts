import { createRandom } from "@gg/core/random";
import { planMinute } from "@gg/traffic/gourmetgram/plan";
import { drawArrivals, rateAt } from "@gg/traffic/rates";
import { describe, expect, it } from "vitest";
import { config, minuteAt } from "../scenarios/gourmetgram/plan/fixtures";
import { exponentialCdf, ksTest, meanVar } from "../scenarios/gourmetgram/plan/stats";

const SEED = Number(process.env.TEST_SEED ?? 20261123);
const MINUTES = 10_000;
// No users or images, all views: every event is recorded as skipped, so this measures the
// planner's counts and times without spending the suite's time on payloads.
const EMPTY = { users: [], images: [] };

/** The concatenated timeline of `MINUTES` planned minutes: per-minute counts and all event times (ms). */
function timeline(rate: string | number, daily = false) {
  const cfg = config({ rate: { base: rate, daily: daily || undefined }, mix: { view: 1 } });
  const counts = new Float64Array(MINUTES);
  const means = new Float64Array(MINUTES);
  const times: number[] = [];
  for (let m = 0; m < MINUTES; m++) {
    const plan = planMinute({
      seed: SEED,
      minute: minuteAt(m),
      config: cfg,
      state: EMPTY,
      dataset: null,
    });
    counts[m] = plan.events.length;
    means[m] = plan.expected;
    for (const e of plan.events) times.push(m * 60_000 + e.offsetMs);
  }
  return { counts, means, times, cfg };
}

function checkCounts(counts: Float64Array, lambda: number) {
  const { mean, variance } = meanVar(counts);
  const seMean = Math.sqrt(lambda / counts.length);
  // Var(s²) ≈ (μ4 − σ⁴)/n with μ4 = λ + 3λ² for a Poisson.
  const seVar = Math.sqrt((lambda + 2 * lambda * lambda) / counts.length);
  expect(Math.abs(mean - lambda), `mean ${mean} vs λ·60 ${lambda}`).toBeLessThan(4.5 * seMean);
  expect(Math.abs(variance - lambda), `variance ${variance} vs ${lambda}`).toBeLessThan(5 * seVar);
  return variance / mean;
}

describe(`arrivals over ${MINUTES} minutes (seed ${SEED})`, () => {
  it.each([
    ["150", 2.5],
    ["3000/h", 50],
  ])(
    "planMinute at %s: Poisson counts (dispersion ≈ 1) and exponential gaps (KS)",
    (rate, lambda) => {
      const { counts, times } = timeline(rate);
      const dispersion = checkCounts(counts, lambda);
      expect(dispersion).toBeGreaterThan(0.9);
      expect(dispersion).toBeLessThan(1.1);
      const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
      const ks = ksTest(gaps, exponentialCdf(lambda / 60_000));
      expect(ks.pValue, `KS D=${ks.d}`).toBeGreaterThan(0.001);
    },
  );

  it("the planner's arrival draw at 10/s: Poisson counts and exponential gaps", () => {
    const root = createRandom(SEED, "ten-per-second");
    const counts = new Float64Array(MINUTES);
    const gaps: number[] = [];
    let last = Number.NaN;
    for (let m = 0; m < MINUTES; m++) {
      const a = drawArrivals(root.fork(`c${m}`), root.fork(`o${m}`), 10);
      counts[m] = a.count;
      // Every 10th minute's gaps feed the KS test: 600k gaps would only slow the suite.
      if (m % 10 !== 0) {
        last = Number.NaN;
        continue;
      }
      for (const o of a.offsetsMs) {
        const t = m * 60_000 + o;
        if (!Number.isNaN(last)) gaps.push(t - last);
        last = t;
      }
    }
    checkCounts(counts, 600);
    expect(ksTest(gaps, exponentialCdf(0.01)).pValue).toBeGreaterThan(0.001);
  });

  it("a daily curve: counts standardised by each minute's λ are N(0,1)-like; rescaled gaps are Exp(1)", () => {
    const { counts, means, times, cfg } = timeline("3000/h", true);
    const z = Array.from(
      counts,
      (c, i) => (c - (means[i] as number)) / Math.sqrt(means[i] as number),
    );
    const { mean, variance } = meanVar(z);
    expect(Math.abs(mean)).toBeLessThan(4.5 / Math.sqrt(MINUTES));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2.1 / MINUTES));
    // The curve really moves the rate: dinner minutes plan far more than 4 am ones.
    expect(rateAt(cfg.rate, new Date("2026-11-23T19:30:00Z"))).toBeGreaterThan(
      8 * rateAt(cfg.rate, new Date("2026-11-23T04:30:00Z")),
    );
    // Time-rescaling theorem: Λ(t) (the integrated rate) turns the process into a unit-rate one.
    const cumulative = new Float64Array(MINUTES + 1);
    for (let m = 0; m < MINUTES; m++)
      cumulative[m + 1] = (cumulative[m] as number) + (means[m] as number);
    const rescaled = times.map((t) => {
      const m = Math.floor(t / 60_000);
      return (cumulative[m] as number) + ((means[m] as number) * (t - m * 60_000)) / 60_000;
    });
    const gaps = rescaled.slice(1).map((t, i) => t - (rescaled[i] as number));
    expect(ksTest(gaps, exponentialCdf(1)).pValue).toBeGreaterThan(0.001);
  });
});
