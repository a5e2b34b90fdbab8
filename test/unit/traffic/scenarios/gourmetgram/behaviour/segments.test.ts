import { SEGMENTS, type Segment } from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import {
  ActorKinds,
  DEFAULT_SEGMENTS,
  MixConfig,
  SegmentsConfig,
  segmentMix,
  segmentOf,
} from "@gg/traffic/gourmetgram/behaviour";
import { planMinute } from "@gg/traffic/gourmetgram/plan";
import { describe, expect, it } from "vitest";
import { config, DATASET, makeState, minuteAt } from "../plan/fixtures";
import { binomialZ } from "../plan/stats";

const SEED = Number(process.env.TEST_SEED ?? 20261123);

describe(`user segments (seed ${SEED})`, () => {
  it("assigns users to casual/regular/power/premium at 40/35/20/5 by a stable hash of the id", () => {
    const r = createRandom(SEED, "segments");
    const n = 100_000;
    const counts: Record<Segment, number> = { casual: 0, regular: 0, power: 0, premium: 0 };
    for (let i = 0; i < n; i++) counts[segmentOf(r.uuid())]++;
    for (const s of SEGMENTS) {
      expect(binomialZ(counts[s], n, DEFAULT_SEGMENTS[s].share), `${s}: ${counts[s]}`).toBeLessThan(
        4.5,
      );
    }
    const id = "3f0c7a52-1d2e-4b7a-9c55-0e3c2d1b4a66";
    expect(segmentOf(id)).toBe(segmentOf(`${id}`.slice(0)));
  });

  it("follows configured shares, keeping defaults for segments left out", () => {
    const profiles = SegmentsConfig.parse({ premium: { ...DEFAULT_SEGMENTS.premium, share: 0.4 } });
    expect(profiles.casual).toEqual(DEFAULT_SEGMENTS.casual);
    const r = createRandom(SEED, "segments-custom");
    let premium = 0;
    for (let i = 0; i < 20_000; i++) if (segmentOf(r.uuid(), profiles) === "premium") premium++;
    expect(binomialZ(premium, 20_000, 0.4 / 1.35)).toBeLessThan(4.5);
  });

  it("picks actors so that P(segment | kind) ∝ users × activity × affinity[kind], keeping the mix exact", () => {
    const state = makeState(SEED, 2_000, 400);
    const cfg = config({ rate: { base: "6000/h" }, mix: "uniform" });
    const users: Record<Segment, number> = { casual: 0, regular: 0, power: 0, premium: 0 };
    for (const u of state.users) users[segmentOf(u.id)]++;
    const seen = Object.fromEntries(
      ActorKinds.map((k) => [k, { casual: 0, regular: 0, power: 0, premium: 0 }]),
    );
    for (let m = 0; m < 200; m++) {
      for (const e of planMinute({
        seed: SEED,
        minute: minuteAt(m),
        config: cfg,
        state,
        dataset: DATASET,
      }).events) {
        if (e.status === "planned" && e.kind !== "user" && e.session)
          seen[e.kind]![e.session.segment]++;
      }
    }
    for (const k of ActorKinds) {
      const row = seen[k]!;
      const n = SEGMENTS.reduce((s, g) => s + row[g], 0);
      const z = SEGMENTS.reduce(
        (s, g) => s + users[g] * DEFAULT_SEGMENTS[g].activity * DEFAULT_SEGMENTS[g].affinity[k],
        0,
      );
      for (const g of SEGMENTS) {
        const p = (users[g] * DEFAULT_SEGMENTS[g].activity * DEFAULT_SEGMENTS[g].affinity[k]) / z;
        expect(binomialZ(row[g], n, p), `${k}/${g}: ${row[g]} of ${n}, p=${p}`).toBeLessThan(4.5);
      }
    }
    // Heavier segments act more per user; each segment has its own mix.
    const premiumMix = segmentMix(MixConfig.parse("uniform"), DEFAULT_SEGMENTS, users, "premium");
    const casualMix = segmentMix(MixConfig.parse("uniform"), DEFAULT_SEGMENTS, users, "casual");
    expect(premiumMix.upload).toBeGreaterThan(casualMix.upload);
    expect(casualMix.flag).toBeGreaterThan(premiumMix.flag);
  });
});
