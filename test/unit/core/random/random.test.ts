import { Alias, createRandom } from "@gg/core/random";
import { describe, expect, it } from "vitest";

const SEED = Number(process.env.TEST_SEED ?? 20261123);

describe(`random (seed ${SEED})`, () => {
  it("replays the same draws for the same label and differs across labels", () => {
    const a = createRandom(SEED, "x");
    const b = createRandom(SEED, "x");
    const c = createRandom(SEED, "y");
    const da = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(da);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(da);
  });

  it("draws uniforms with mean 1/2 and variance 1/12", () => {
    const r = createRandom(SEED, "u");
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      s += x;
      s2 += x * x;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it.each([0.5, 2.5, 29, 31, 150, 2_500, 180_000])(
    "poisson(%d) has mean and variance near λ",
    (lambda) => {
      const r = createRandom(SEED, "poisson", lambda);
      const n = 40_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const k = r.poisson(lambda);
        s += k;
        s2 += k * k;
      }
      const mean = s / n;
      const variance = s2 / n - mean * mean;
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      expect(variance / lambda).toBeGreaterThan(0.95);
      expect(variance / lambda).toBeLessThan(1.05);
    },
  );

  it("alias table draws in proportion to the weights", () => {
    const weights = [1, 2, 3, 4, 0, 10];
    const table = new Alias(weights);
    const r = createRandom(SEED, "alias");
    const counts = new Array(weights.length).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) counts[table.draw(r)]++;
    weights.forEach((w, i) => {
      const p = w / 20;
      expect(Math.abs(counts[i] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-9);
    });
  });

  it("makes valid v4 uuids", () => {
    const r = createRandom(SEED, "uuid");
    const ids = new Set(Array.from({ length: 1000 }, () => r.uuid()));
    expect(ids.size).toBe(1000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
