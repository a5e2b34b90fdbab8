import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ClickstreamSession, ClickstreamUser, Interaction, Product } from "@gg/core/kafka";
import {
  type ClickstreamRecord,
  createClickstream,
  encodeRecord,
} from "@gg/traffic/clickstream/model";
import { describe, expect, it } from "vitest";
import { micros, NOW, SEED, smallWorld } from "./fixtures";

const world = smallWorld();

describe(`clickstream stream (seed ${SEED})`, () => {
  it("emits entities before the events that reference them, keyed by entity id", () => {
    const records = createClickstream({ seed: SEED, now: NOW, world }).nextBatch(20_000);
    expect(records).toHaveLength(20_000);
    const seenUsers = new Set<string>();
    const seenProducts = new Set<string>();
    const problems: string[] = [];
    for (const r of records) {
      if (r.topic === "users") {
        if (seenUsers.has(r.key)) problems.push(`user ${r.key} twice`);
        seenUsers.add(r.value.user_id);
      } else if (r.topic === "products") {
        if (seenProducts.has(r.key)) problems.push(`product ${r.key} twice`);
        seenProducts.add(r.value.product_id);
      } else if (r.topic === "interactions") {
        if (!seenUsers.has(r.value.user_id)) problems.push(`user of ${r.key} not yet emitted`);
        if (!seenProducts.has(r.value.product_id))
          problems.push(`product of ${r.key} not yet emitted`);
      }
      const id = {
        users: "user_id",
        products: "product_id",
        interactions: "interaction_id",
        sessions: "session_id",
      }[r.topic];
      if ((r.value as unknown as Record<string, string>)[id] !== r.key)
        problems.push(`${r.topic} key ${r.key}`);
    }
    expect(problems).toEqual([]);
    const schemas = {
      users: ClickstreamUser,
      products: Product,
      interactions: Interaction,
      sessions: ClickstreamSession,
    };
    const sample = records.filter((_, i) => i % 50 === 0);
    const errors = sample.flatMap((r) => schemas[r.topic].safeParse(r.value).error?.issues ?? []);
    expect(errors).toEqual([]);
    expect(new Set(sample.map((r) => r.topic)).size).toBe(4);
  });

  it("replays: same seed and label give identical batches whatever the batch sizes", () => {
    const a = createClickstream({ seed: SEED, now: NOW, world, label: "r" });
    const b = createClickstream({ seed: SEED, now: NOW, world, label: "r" });
    const fromA = [...a.nextBatch(1), ...a.nextBatch(999), ...a.nextBatch(2_000)];
    const fromB = [...b.nextBatch(1_500), ...b.nextBatch(1_500)];
    expect(fromA.map((r) => encodeRecord(r))).toEqual(fromB.map((r) => encodeRecord(r)));
    const other = createClickstream({ seed: SEED, now: NOW, world, label: "s" }).nextBatch(1)[0];
    expect(other?.key).not.toBe(fromA[0]?.key);
  });

  it("filters topics, re-keys interactions, and moves the present forward with `now`", () => {
    const stream = createClickstream({
      seed: SEED,
      now: NOW,
      world,
      topics: ["interactions"],
      interactionKey: "session_id",
    });
    const first = stream.nextBatch(500);
    expect(first.every((r) => r.topic === "interactions" && r.key === r.value.session_id)).toBe(
      true,
    );
    const later = new Date(NOW.getTime() + 3_600_000);
    const next = stream.nextBatch(2_000, later).slice(1_000) as Extract<
      ClickstreamRecord,
      { topic: "interactions" }
    >[];
    const times = next.map((r) => micros(r.value.timestamp));
    expect(Math.max(...times)).toBeLessThanOrEqual(later.getTime() * 1000);
    expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() * 1000);
  });

  it("rejects a time frame that is not exactly one of a live `now` or a non-empty window", () => {
    const invalid = expect.objectContaining({ code: "INVALID_INPUT" });
    const window = { start: NOW, end: new Date(NOW.getTime() + 1_000) };
    expect(() => createClickstream({ seed: SEED, world, now: NOW, window } as never)).toThrow(
      invalid,
    );
    expect(() => createClickstream({ seed: SEED, world } as never)).toThrow(invalid);
    expect(() =>
      createClickstream({ seed: SEED, world, window: { start: window.end, end: NOW } }),
    ).toThrow(invalid);
  });

  it("lists users and products by index when no event topic is asked for", () => {
    const records = createClickstream({
      seed: SEED,
      now: NOW,
      world,
      topics: ["users", "products"],
    }).nextBatch(6);
    expect(records.map((r) => r.topic)).toEqual([
      "users",
      "products",
      "users",
      "products",
      "users",
      "products",
    ]);
    expect(records[2]?.key).toBe(world.users.ids[1]);
    expect(records[3]?.key).toBe(world.products.ids[1]);
  });

  it("keeps memory flat over 1M events and generates each in well under 5 µs of CPU", () => {
    // Expose V8's gc() for this check: heap after a full collection is the honest measure.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const stream = createClickstream({
      seed: SEED,
      now: NOW,
      world,
      topics: ["interactions", "sessions"],
    });
    const sizes = () => [
      world.users.ids.length,
      world.products.ids.length,
      world.users.segment.length,
    ];
    const before = sizes();
    for (let i = 0; i < 100; i++) stream.nextBatch(1_000);
    gc();
    const heapStart = process.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    for (let i = 0; i < 1_000; i++) stream.nextBatch(1_000);
    const used = process.cpuUsage(cpu);
    gc();
    const growth = process.memoryUsage().heapUsed - heapStart;
    const microsPerEvent = (used.user + used.system) / 1_000_000;
    console.info(
      `clickstream: ${microsPerEvent.toFixed(2)} µs CPU/event, heap growth ${(growth / 1e6).toFixed(1)} MB over 1M events`,
    );
    expect(sizes()).toEqual(before);
    expect(growth).toBeLessThan(8_000_000);
    expect(microsPerEvent).toBeLessThan(5);
  });
});
