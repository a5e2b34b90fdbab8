import type { DelayedMessage } from "@gg/core/queue";
import { mergeShards, queueWakeSender, type ShardJob, wakeWindows } from "@gg/traffic/shards";
import { describe, expect, it } from "vitest";

const job = (shard: number): ShardJob => ({
  streamId: "00000000-0000-4000-8000-000000000001",
  minute: "2026-12-06T21:00:00.000Z",
  shard,
  shards: 3,
  range: { from: shard * 2, to: shard * 2 + 2 },
});

describe("wake windows", () => {
  it("split where a gap is longer than the lead, and never for an empty minute", () => {
    expect(wakeWindows([], 3_000)).toEqual([]);
    expect(wakeWindows([500], 3_000)).toEqual([{ from: 0, to: 1, startMs: 500 }]);
    expect(wakeWindows([0, 3_000, 6_001, 6_002, 59_999], 3_000)).toEqual([
      { from: 0, to: 2, startMs: 0 },
      { from: 2, to: 4, startMs: 6_001 },
      { from: 4, to: 5, startMs: 59_999 },
    ]);
  });

  it("are sent held back the whole seconds to their start, rounded down, none negative", async () => {
    const sent: DelayedMessage[][] = [];
    const send = queueWakeSender(
      async (m) => {
        sent.push([...m]);
      },
      () => 1_000_000,
    );
    await send([
      { job: job(0), at: 1_000_000 + 4_999 },
      { job: job(1), at: 1_000_000 + 61_000 },
      { job: job(2), at: 1_000_000 - 2_000 },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.map((m) => m.delaySeconds)).toEqual([4, 61, 0]);
    expect(JSON.parse(sent[0]?.[1]?.body ?? "")).toEqual(job(1));
  });

  it("a window that never reports counts exactly its own events as unaccounted", () => {
    const kinds = {
      view: {
        planned: 2,
        skipped: 0,
        sent: 2,
        succeeded: 2,
        failed: 0,
        duplicate: 0,
        retried: 0,
        recovered: 0,
      },
    };
    const row = (shard: number) => ({
      shard,
      finished: true,
      byKind: kinds,
      unsent: 0,
      lateness: null,
      recoveredLateness: null,
      errors: [],
      leadMs: 2_500,
    });
    // Windows of 2, 5 and 1 events; the middle one is silent.
    const m = mergeShards([row(0), row(2)], 3, 8, [2, 5, 1]);
    expect(m).toMatchObject({ shards: 3, reported: 2, unaccounted: 5, planned: 4 });
    // Index mod N would have counted 3 of 8 for shard 1.
    expect(mergeShards([row(0), row(2)], 3, 8).unaccounted).toBe(3);
  });
});
