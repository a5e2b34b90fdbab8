import { deliver } from "@gg/traffic/clickstream";
import { LatenessRecorder } from "@gg/traffic/minute";
import { describe, expect, it } from "vitest";
import { captureProducer, virtualClock } from "./fakes";

const message = (i: number) => ({ key: `k${i}`, value: `{"i":${i}}` });
const flush = () => new Promise((r) => setImmediate(r));

/** `count` messages, one due every `everyMs` from t=0. */
function run(count: number, everyMs: number, over: Partial<Parameters<typeof deliver>[0]> = {}) {
  const clock = virtualClock();
  const producer = captureProducer(clock);
  const lateness = new LatenessRecorder();
  const options = {
    lateness,
    producer,
    topic: "t",
    count,
    dueAt: (i: number) => i * everyMs,
    message,
    clock,
    tickMs: 50,
    maxBatch: 500,
    maxInFlight: 8,
    deadline: Number.POSITIVE_INFINITY,
    ...over,
  };
  return { clock, producer, lateness, done: deliver(options) };
}

describe("deliver: open-loop, ticked, acknowledged delivery", () => {
  it("gathers due messages every tick into small batches, in order, late by less than a tick", async () => {
    const { producer, done, lateness } = run(1_000, 1, { maxBatch: 30 });
    const d = await done;
    expect(d).toMatchObject({ sent: 1_000, succeeded: 1_000, failed: 0, unsent: 0 });
    expect(producer.messages().map((m) => m.key)).toEqual(
      Array.from({ length: 1000 }, (_, i) => `k${i}`),
    );
    expect(Math.max(...producer.batches.map((b) => b.messages.length))).toBe(30);
    // ~1000 ms in 50 ms ticks: ~20 ticks, each split into batches of at most 30.
    const ticks = new Set(producer.batches.map((b) => b.at)).size;
    expect(ticks).toBeGreaterThanOrEqual(19);
    expect(ticks).toBeLessThanOrEqual(22);
    expect(lateness.count).toBe(1_000);
    expect(lateness.summary().max as number).toBeLessThan(50);
  });

  it("sends a sparse message at its due time, not a tick later", async () => {
    const { producer, done, lateness } = run(5, 1_000);
    await done;
    expect(producer.batches.map((b) => b.at)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(lateness.summary()).toEqual({ p50: 0, p99: 0, max: 0 });
  });

  it("does not wait for acks before sending what is due, up to maxInFlight produce calls", async () => {
    const clock = virtualClock();
    const producer = captureProducer(clock, () => "hold");
    const done = deliver({
      producer,
      topic: "t",
      count: 10,
      dueAt: (i) => i * 100,
      message,
      clock,
      tickMs: 50,
      maxBatch: 500,
      maxInFlight: 4,
      deadline: Number.POSITIVE_INFINITY,
    });
    for (let i = 0; i < 20; i++) await flush();
    // Four calls went out at their due times with no ack yet; the fifth waits for a slot.
    expect(producer.batches.map((b) => b.at)).toEqual([0, 100, 200, 300]);
    let settled = false;
    void done.then(() => {
      settled = true;
    });
    await flush();
    expect(settled).toBe(false);
    while (!settled) {
      producer.release();
      await flush();
    }
    expect(await done).toMatchObject({ sent: 10, succeeded: 10, unsent: 0 });
  });

  it("counts a failed batch as failed and, with stopOnError, sends nothing after it", async () => {
    const clock = virtualClock();
    const producer = captureProducer(clock, (call) => (call === 1 ? "fail" : "ok"));
    const d = await deliver({
      producer,
      topic: "t",
      count: 10,
      dueAt: (i) => i * 100,
      message,
      clock,
      tickMs: 50,
      maxBatch: 500,
      maxInFlight: 1,
      deadline: Number.POSITIVE_INFINITY,
      stopOnError: true,
    });
    expect(d).toMatchObject({ sent: 2, succeeded: 1, failed: 1, unsent: 8 });
    expect(d.errors).toEqual(["broker said no to call 1"]);
  });

  it("keeps going after a failed batch without stopOnError (a stream's minute)", async () => {
    const clock = virtualClock();
    const producer = captureProducer(clock, (call) => (call === 1 ? "fail" : "ok"));
    const d = await deliver({
      producer,
      topic: "t",
      count: 10,
      dueAt: (i) => i * 100,
      message,
      clock,
      tickMs: 50,
      maxBatch: 500,
      maxInFlight: 1,
      deadline: Number.POSITIVE_INFINITY,
    });
    expect(d).toMatchObject({ sent: 10, succeeded: 9, failed: 1, unsent: 0 });
  });

  it("dispatches nothing after the deadline: the rest is unsent", async () => {
    const { done } = run(10, 100, { deadline: 450 });
    expect(await done).toMatchObject({ sent: 5, succeeded: 5, unsent: 5 });
  });
});
