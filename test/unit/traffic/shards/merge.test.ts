import { createRandom } from "@gg/core/random";
import { LatenessRecorder, latenessOf } from "@gg/traffic/minute";
import { mergeShards, type ShardFigures, shardCount, sliceSize } from "@gg/traffic/shards";
import { describe, expect, it } from "vitest";

const SEED = Number(process.env.TEST_SEED ?? 20261123);
const kind = (planned: number, sent: number, failed = 0) => ({
  planned,
  skipped: 0,
  sent,
  succeeded: sent - failed,
  failed,
  duplicate: 0,
  retried: 0,
  recovered: 0,
});

describe(`merging a sharded minute (seed ${SEED})`, () => {
  it("slices of i mod N cover every index once; the shard count follows the rate", () => {
    for (const count of [0, 1, 3, 4, 5, 1001]) {
      const sizes = Array.from({ length: 4 }, (_, s) => sliceSize(count, s, 4));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(count);
      for (let s = 0; s < 4; s++)
        expect(sizes[s]).toBe(
          Array.from({ length: count }, (_, i) => i).filter((i) => i % 4 === s).length,
        );
    }
    expect(shardCount(6_000 * 60, { eventsPerSecond: 2_000, maxShards: 16 })).toBe(3);
    expect(shardCount(6_001 * 60, { eventsPerSecond: 2_000, maxShards: 16 })).toBe(4);
    expect(shardCount(100, { eventsPerSecond: 2_000, maxShards: 16 })).toBe(1);
    expect(shardCount(1e9, { eventsPerSecond: 2_000, maxShards: 16 })).toBe(16);
  });

  it("adds counts by kind, merges lateness exactly, and counts a silent shard's slice as unaccounted", () => {
    const r = createRandom(SEED, "merge");
    const all: number[] = [];
    const rows: ShardFigures[] = [0, 1, 2].map((shard) => {
      const rec = new LatenessRecorder();
      // Shards with different lateness: the merged p99 is the minute's, not a mean of p99s.
      for (let i = 0; i < 2_000; i++) {
        const v = r.exponential(1 / (1 + shard * 10));
        rec.record(v);
        all.push(v);
      }
      return {
        shard,
        finished: true,
        byKind: { view: kind(1_500, 1_500, shard), user: kind(500, 500) },
        unsent: 0,
        lateness: rec.toSparse(),
        recoveredLateness: null,
        errors: shard === 1 ? ["boom"] : [],
        leadMs: [18_000, 4_200, 19_500][shard] ?? null,
      };
    });
    // Shard 3 claimed its slice but never finished (a crash): not reported, its lead not counted.
    rows.push({ ...rows[0]!, shard: 3, finished: false, leadMs: -3_000 });
    const m = mergeShards(rows, 4, 10_003);
    expect(m).toMatchObject({ shards: 4, reported: 3, unaccounted: sliceSize(10_003, 3, 4) });
    expect(m.unaccounted).toBe(2_500);
    expect(m.planned).toBe(6_000);
    expect(m.failed).toBe(3);
    expect(m.byKind.view).toMatchObject({ planned: 4_500, failed: 3 });
    expect(m.errors).toEqual(["shard 1: boom"]);
    // The minute was as ready as its least ready shard.
    expect(m.leadMs).toBe(4_200);
    const exact = latenessOf(all);
    // Histogram buckets are 0.2% wide: the merged p99 is the p99 of all 6,000 values.
    expect(m.lateness.p99!).toBeGreaterThan(exact.p99! * 0.99);
    expect(m.lateness.p99!).toBeLessThanOrEqual(exact.p99! * 1.001);
    expect(m.lateness.max).toBe(exact.max);
  });

  it("with no shard reported, the whole minute is unaccounted (never silence)", () => {
    expect(mergeShards([], 4, 99)).toMatchObject({ unaccounted: 99, planned: 0, reported: 0 });
  });
});
