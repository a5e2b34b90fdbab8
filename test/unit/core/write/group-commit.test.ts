// Group commit's queueing alone, with a write we control: who goes together, who waits.
import { groupCommit } from "@gg/core/write";
import { describe, expect, it } from "vitest";

/** A write that records each batch and finishes only when told. */
function held() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const write = (batch: number[]) =>
    new Promise<number[]>((resolve) => {
      batches.push(batch);
      pending.push(() => resolve(batch.map((n) => n * 10)));
    });
  const releaseAll = () => {
    for (const release of pending.splice(0)) release();
  };
  return { write, batches, releaseAll };
}
const tick = () => new Promise((r) => setImmediate(r));

describe("groupCommit", () => {
  it("sends what arrived in one turn together, and what arrives meanwhile in the next write", async () => {
    const h = held();
    const submit = groupCommit(h.write, () => []);
    const first = [1, 2, 3].map(submit);
    await tick();
    expect(h.batches).toEqual([[1, 2, 3]]);
    const second = [4, 5].map(submit);
    await tick();
    expect(h.batches).toHaveLength(1); // one lane: they wait for the write in flight
    h.releaseAll();
    expect(await Promise.all(first)).toEqual([10, 20, 30]);
    await tick();
    expect(h.batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    h.releaseAll();
    expect(await Promise.all(second)).toEqual([40, 50]);
  });

  it("caps a write at maxBatch and runs up to `lanes` writes at once", async () => {
    const h = held();
    const submit = groupCommit(h.write, () => [], { maxBatch: 2, lanes: 2 });
    const all = [1, 2, 3, 4, 5].map(submit);
    await tick();
    expect(h.batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    h.releaseAll();
    await tick();
    await tick();
    expect(h.batches.at(-1)).toEqual([5]);
    h.releaseAll();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
  });

  it("keeps requests that share a key out of one write, and out of writes in flight", async () => {
    const h = held();
    const submit = groupCommit(h.write, (n) => [n % 2 === 0 ? "even" : `odd${n}`], { lanes: 2 });
    const all = [1, 2, 3, 4, 6].map(submit);
    await tick();
    // 4 and 6 share 2's key: the second lane has nothing it may take while 2 is in flight.
    expect(h.batches).toEqual([[1, 2, 3]]);
    h.releaseAll();
    await tick();
    await tick();
    expect(h.batches.slice(1)).toEqual([[4]]);
    h.releaseAll();
    await tick();
    await tick();
    h.releaseAll();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 60]);
    expect(h.batches.slice(2)).toEqual([[6]]);
  });

  it("rejects every request of a write that throws", async () => {
    const submit = groupCommit(
      async () => {
        throw new Error("boom");
      },
      () => [],
    );
    const outcomes = await Promise.allSettled([submit(1), submit(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
  });
});
