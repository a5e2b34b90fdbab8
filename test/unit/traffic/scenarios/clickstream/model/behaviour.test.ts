import { INTERACTION_TYPES, SEGMENTS } from "@gg/core/kafka";
import { DEFAULT_CLICKSTREAM_CONFIG } from "@gg/traffic/clickstream/model";
import { describe, expect, it } from "vitest";
import { SEED, sessionsOf, smallWorld } from "./fixtures";

const world = smallWorld();
const sessions = sessionsOf(world, 40_000, undefined, "behaviour");
const segmentOf = new Map(
  world.users.ids.map((id, i) => [id, SEGMENTS[world.users.segment[i] as number]]),
);

describe(`clickstream behaviour (seed ${SEED}, ${sessions.length} sessions)`, () => {
  it("acceptance (issue 6): per-segment interaction-type weights within tolerance, despite the funnel", () => {
    const counts = new Map(SEGMENTS.map((s) => [s, INTERACTION_TYPES.map(() => 0)]));
    for (const { session, interactions } of sessions) {
      const c = counts.get(segmentOf.get(session.user_id) ?? "casual") as number[];
      for (const i of interactions) {
        const t = INTERACTION_TYPES.indexOf(i.interaction_type);
        c[t] = (c[t] as number) + 1;
      }
    }
    const report: string[] = [];
    for (const s of SEGMENTS) {
      const c = counts.get(s) as number[];
      const n = c.reduce((a, b) => a + b, 0);
      expect(n, `${s} events`).toBeGreaterThan(20_000);
      DEFAULT_CLICKSTREAM_CONFIG.segments[s].typeWeights.forEach((p, t) => {
        const share = (c[t] as number) / n;
        // 4 binomial sd, plus 0.005 for purchases still owed when the run stops.
        const tolerance = 4 * Math.sqrt((p * (1 - p)) / n) + 0.005;
        if (Math.abs(share - p) > tolerance) {
          report.push(
            `${s} ${INTERACTION_TYPES[t]}: ${share.toFixed(4)} vs ${p} (±${tolerance.toFixed(4)}, n=${n})`,
          );
        }
      });
    }
    expect(report).toEqual([]);
  });

  it("skews popularity: the top 10% of products get more than 40% of views", () => {
    const views = new Map<string, number>();
    for (const { interactions } of sessions) {
      for (const i of interactions) {
        if (i.interaction_type === "view")
          views.set(i.product_id, (views.get(i.product_id) ?? 0) + 1);
      }
    }
    const sorted = [...views.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top = sorted.slice(0, Math.ceil(world.config.products / 10)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.4);
    // ...yet the long tail is alive: most of the catalogue is seen at least once.
    expect(views.size / world.config.products).toBeGreaterThan(0.5);
  });

  it("favours the user's preferred categories", () => {
    const prefs = new Map(
      world.users.ids.map((id, u) => [
        id,
        new Set(
          Array.from(
            world.users.prefs.subarray(4 * u, 4 * u + (world.users.prefCount[u] as number)),
          ),
        ),
      ]),
    );
    const categoryIndex = new Map(
      world.products.ids.map((id, p) => [id, world.products.category[p] as number]),
    );
    let hits = 0;
    let total = 0;
    for (const { session, interactions } of sessions.slice(0, 5_000)) {
      for (const i of interactions) {
        total++;
        if (prefs.get(session.user_id)?.has(categoryIndex.get(i.product_id) ?? -1)) hits++;
      }
    }
    // 70% of fresh picks come from preferred categories, plus chance hits from the rest.
    expect(hits / total).toBeGreaterThan(0.7);
  });
});
