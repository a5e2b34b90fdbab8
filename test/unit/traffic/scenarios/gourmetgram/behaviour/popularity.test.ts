import { createRandom } from "@gg/core/random";
import { engagementWeight, PopularityPicker, WeightTree } from "@gg/traffic/gourmetgram/behaviour";
import { advanceState, planMinute } from "@gg/traffic/gourmetgram/plan";
import { describe, expect, it } from "vitest";
import { config, DATASET, makeState, minuteAt } from "../plan/fixtures";
import { binomialZ } from "../plan/stats";

const SEED = Number(process.env.TEST_SEED ?? 20261123);

describe(`popularity (seed ${SEED})`, () => {
  it("weighs an image as 1 + views + 2·comments + 3·flags, like the original", () => {
    expect(engagementWeight({ views: 0, comments: 0, flags: 0 })).toBe(1);
    expect(engagementWeight({ views: 10, comments: 2, flags: 1 })).toBe(18);
  });

  it("the Fenwick tree draws ∝ weights and follows updates", () => {
    const weights = [5, 0, 1, 10, 0, 4, 30];
    const tree = new WeightTree(weights);
    expect(tree.total).toBe(50);
    const r = createRandom(SEED, "fenwick");
    const n = 200_000;
    const counts = new Array(weights.length).fill(0);
    for (let i = 0; i < n; i++) counts[tree.draw(r)]++;
    for (const [i, w] of weights.entries()) {
      expect(binomialZ(counts[i], n, w / 50), `slot ${i}`).toBeLessThan(4.5);
    }
    tree.add(1, 50); // slot 1 now holds half the weight
    let ones = 0;
    for (let i = 0; i < n; i++) if (tree.draw(r) === 1) ones++;
    expect(binomialZ(ones, n, 0.5)).toBeLessThan(4.5);
    expect(() => new WeightTree([1, -1])).toThrow();
  });

  it("the picker's weights move within a minute: a recorded image gets likelier", () => {
    const picker = new PopularityPicker([
      { views: 0, comments: 0, flags: 0 },
      { views: 0, comments: 0, flags: 0 },
    ]);
    for (let i = 0; i < 10; i++) picker.record(0, "flag"); // 1 + 30 vs 1
    const r = createRandom(SEED, "picker");
    let zeros = 0;
    for (let i = 0; i < 10_000; i++) if (picker.pick(r) === 0) zeros++;
    expect(binomialZ(zeros, 10_000, 31 / 32)).toBeLessThan(4.5);
  });

  it("rich get richer: after a few hours the top 10% of images hold well over 10% of views", () => {
    let state = makeState(SEED, 300, 400);
    const cfg = config({ rate: { base: "3000/h" }, mix: { view: 8, comment: 1, flag: 1 } });
    let ids = 0;
    for (let m = 0; m < 240; m++) {
      const plan = planMinute({
        seed: SEED,
        minute: minuteAt(m),
        config: cfg,
        state,
        dataset: DATASET,
      });
      state = advanceState(state, plan, () => `new-${ids++}`);
    }
    const views = state.images.map((i) => i.views).sort((a, b) => b - a);
    const total = views.reduce((s, v) => s + v, 0);
    const top = views.slice(0, views.length / 10).reduce((s, v) => s + v, 0);
    expect(total).toBeGreaterThan(8_000);
    // A uniform choice would give the top decile ~13%; the urn gives ~40% here.
    expect(top / total, `top-10% share ${top / total}`).toBeGreaterThan(0.22);
  });
});
