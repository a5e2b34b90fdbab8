import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createWorldCache } from "@gg/traffic/clickstream";
import {
  applyClickstreamSettings,
  createWorld,
  GENERATOR_MEMORY_BYTES,
  GENERATOR_RUNTIME_BYTES,
  MAX_SETTING_PRODUCTS,
  MAX_SETTING_USERS,
  WORLD_BUDGET_BYTES,
  WORLD_BYTES,
  worldBytes,
} from "@gg/traffic/clickstream/model";
import { describe, expect, it } from "vitest";

const MiB = 1024 * 1024;

describe("the world budget follows from the generator's memory", () => {
  it("uses the memory infra gives the generator function", () => {
    const infra = readFileSync(
      new URL("../../../../../../infra/generator.ts", import.meta.url),
      "utf8",
    );
    const mb = Number(/memory:\s*"(\d+) MB"/.exec(infra)?.[1]);
    expect(mb * MiB, "infra/generator.ts's memory vs GENERATOR_MEMORY_BYTES").toBe(
      GENERATOR_MEMORY_BYTES,
    );
    expect(WORLD_BUDGET_BYTES).toBe(GENERATOR_MEMORY_BYTES - GENERATOR_RUNTIME_BYTES);
  });

  it("fits the largest world a setting may ask for, with a default one beside it", () => {
    const largest = worldBytes({ users: MAX_SETTING_USERS, products: MAX_SETTING_PRODUCTS });
    const standard = worldBytes(applyClickstreamSettings({}));
    expect(largest + standard).toBeLessThanOrEqual(WORLD_BUDGET_BYTES);
  });
});

describe("worldBytes", () => {
  // Heap measured around a build, with V8's collector run first (exposed for this test only).
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const heap = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const measure = (users: number, products: number) => {
    const anchor = new Date("2026-03-01T00:00:00Z");
    createWorld({
      seed: "warm",
      anchor,
      config: applyClickstreamSettings({ users: 10, products: 10 }),
    });
    const before = heap();
    const world = createWorld({
      seed: "w",
      anchor,
      config: applyClickstreamSettings({ users, products }),
    });
    const bytes = heap() - before;
    expect(world.users.ids).toHaveLength(users); // keeps the world alive until measured
    return bytes;
  };

  it("is within a fifth of what a world really holds, per user and per product", () => {
    const perUser = measure(60_000, 1) / 60_000;
    const perProduct = measure(1, 30_000) / 30_000;
    console.log(`measured: ${perUser.toFixed(1)} B/user, ${perProduct.toFixed(1)} B/product`);
    expect(perUser).toBeLessThanOrEqual(WORLD_BYTES.perUser * 1.2);
    expect(perUser).toBeGreaterThanOrEqual(WORLD_BYTES.perUser * 0.6);
    expect(perProduct).toBeLessThanOrEqual(WORLD_BYTES.perProduct * 1.2);
    expect(perProduct).toBeGreaterThanOrEqual(WORLD_BYTES.perProduct * 0.6);
  });
});

describe("the world cache", () => {
  it("evicts the least recently used worlds down to its byte budget, keeping the newest", () => {
    const config = applyClickstreamSettings({ users: 1_000, products: 100 });
    const one = worldBytes(config);
    const cache = createWorldCache({ max: 10, maxBytes: 2 * one + 1, config });
    const a = new Date("2026-03-01T00:00:00Z");
    const first = cache.get("a", a);
    cache.get("b", a);
    cache.get("a", a); // a is now the most recent
    cache.get("c", a);
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(2 * one);
    expect(cache.get("a", a)).toBe(first); // b went, not a
    const big = cache.get("big", a, { users: 5_000 });
    expect(cache.size).toBe(1); // alone above the budget, it still stays: its caller uses it
    expect(cache.get("big", a, { users: 5_000 })).toBe(big);
  });
});
