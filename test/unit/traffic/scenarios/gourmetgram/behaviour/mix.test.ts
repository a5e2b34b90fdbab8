import { EventKinds, MIX_PRESETS, MixConfig } from "@gg/traffic/gourmetgram/behaviour";
import { planMinute, summarisePlan } from "@gg/traffic/gourmetgram/plan";
import { describe, expect, it } from "vitest";
import { config, DATASET, makeState, minuteAt } from "../plan/fixtures";
import { binomialZ } from "../plan/stats";

const SEED = Number(process.env.TEST_SEED ?? 20261123);
const STATE = makeState(SEED, 500, 500);

describe(`event mix (seed ${SEED})`, () => {
  it("parses presets, weights and env strings into probabilities", () => {
    expect(MixConfig.parse("uniform")).toEqual(MIX_PRESETS.uniform);
    expect(MixConfig.parse("realistic")).toEqual({
      view: 0.68,
      comment: 0.2,
      upload: 0.07,
      user: 0.03,
      flag: 0.02,
    });
    expect(MixConfig.parse({ view: 3, user: 1 })).toEqual({
      view: 0.75,
      comment: 0,
      upload: 0,
      user: 0.25,
      flag: 0,
    });
    expect(MixConfig.parse("view=68, comment:20,upload=7,user=3,flag=2")).toEqual(
      MixConfig.parse("realistic"),
    );
    for (const bad of ["viral", "view=x", "view=1,likes=2", { view: 0 }, { view: -1 }]) {
      expect(() => MixConfig.parse(bad), JSON.stringify(bad)).toThrow();
    }
  });

  it.each([
    ["uniform (the original's default)", "uniform"],
    ["realistic", "realistic"],
    ["custom", { view: 5, comment: 0, upload: 2, user: 2, flag: 1 }],
  ] as const)("the planned kinds follow the %s mix within binomial tolerance", (_, mix) => {
    const cfg = config({ rate: { base: "6000/h" }, mix });
    const expected = MixConfig.parse(mix);
    const counts = Object.fromEntries(EventKinds.map((k) => [k, 0])) as Record<string, number>;
    let n = 0;
    for (let m = 0; m < 400; m++) {
      const s = summarisePlan(
        planMinute({
          seed: SEED,
          minute: minuteAt(m),
          config: cfg,
          state: STATE,
          dataset: DATASET,
        }),
      );
      n += s.total;
      for (const k of EventKinds) counts[k] = (counts[k] as number) + s.planned[k];
    }
    expect(n).toBeGreaterThan(35_000);
    for (const k of EventKinds) {
      const z = binomialZ(counts[k] as number, n, expected[k]);
      expect(z, `${k}: ${counts[k]} of ${n}, expected p=${expected[k]}`).toBeLessThan(4.5);
    }
  });

  it("detects a wrong mix (the tolerance is tight enough to fail)", () => {
    const cfg = config({ rate: { base: "6000/h" }, mix: "uniform" });
    let views = 0;
    let n = 0;
    for (let m = 0; m < 100; m++) {
      const s = summarisePlan(
        planMinute({
          seed: SEED,
          minute: minuteAt(m),
          config: cfg,
          state: STATE,
          dataset: DATASET,
        }),
      );
      views += s.planned.view;
      n += s.total;
    }
    expect(binomialZ(views, n, 0.25)).toBeGreaterThan(4.5);
  });
});
