import { anchorOf, ClickstreamStreamConfig, createWorldCache } from "@gg/traffic/clickstream";
import { applyClickstreamSettings } from "@gg/traffic/clickstream/model";
import { rateAt } from "@gg/traffic/rates";
import { describe, expect, it } from "vitest";

const base = {
  stream_id: "00000000-0000-4000-8000-000000000001",
  started_at: "2026-03-01T11:00:42.5+00:00",
};
const at = new Date("2026-03-01T12:00:00Z");

describe("clickstream stream config", () => {
  const read = (config: Record<string, unknown>) => ClickstreamStreamConfig.parse(config);

  it("reads a number rate per second and a string rate in its unit", () => {
    expect(rateAt(read({ rate: 25 }).schedule, at)).toBe(25);
    expect(rateAt(read({ rate: "120/min" }).schedule, at)).toBe(2);
  });

  it("defaults to interactions and anchors the world at the start minute", () => {
    expect(read({})).toMatchObject({ dataType: "interactions" });
    expect(anchorOf(base).toISOString()).toBe("2026-03-01T11:00:00.000Z");
    expect(() => anchorOf({ ...base, started_at: "soon" })).toThrow(base.stream_id);
  });

  it("carries the model's settings to the scenario", () => {
    const settings = { users: 300, segments: { premium: { share: 0 } } };
    expect(read({ rate: 1, settings }).settings).toEqual(settings);
    expect(read({}).settings).toBeUndefined();
  });

  it("refuses a bad data_type, rate or setting", () => {
    for (const config of [
      { data_type: "orders" },
      { rate: "fast" },
      { rate: -1 },
      { settings: { userz: 5 } },
    ]) {
      expect(ClickstreamStreamConfig.safeParse(config).success, JSON.stringify(config)).toBe(false);
    }
  });
});

describe("world cache", () => {
  it("shares a world per (seed, anchor), evicts the least recently used past its bound", () => {
    const cache = createWorldCache({
      max: 2,
      config: applyClickstreamSettings({ users: 500, products: 100 }),
    });
    const a = new Date("2026-03-01T00:00:00Z");
    const w1 = cache.get("s1", a);
    expect(cache.get("s1", a)).toBe(w1);
    expect(cache.get(7, a)).toBe(cache.get("7", a));
    cache.get("s1", a); // s1 is now the most recent; "7" the least
    cache.get("s2", a);
    expect(cache.size).toBe(2);
    expect(cache.get("s1", a)).toBe(w1);
    expect(cache.get("s1", new Date("2026-03-02T00:00:00Z"))).not.toBe(w1);
  });

  it("builds a world per settings: equal settings share one, the settings shape it", () => {
    const cache = createWorldCache({
      config: applyClickstreamSettings({ users: 500, products: 100 }),
    });
    const a = new Date("2026-03-01T00:00:00Z");
    const small = cache.get("s", a, { users: 50 });
    expect(cache.get("s", a, { users: 50 })).toBe(small);
    expect(cache.get("s", a)).not.toBe(small);
    expect(small.config.users).toBe(50);
    expect(cache.get("s", a).config.users).toBe(500);
  });
});
