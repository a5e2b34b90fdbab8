import { EventKinds } from "@gg/traffic/gourmetgram/behaviour";
import { type PlannedEvent, planCursor, planMinute } from "@gg/traffic/gourmetgram/plan";
import { describe, expect, it } from "vitest";
import { config, DATASET, makeState, minuteAt } from "./fixtures";
import { binomialZ, exponentialCdf, ksTest, meanVar } from "./stats";

const SEED = Number(process.env.TEST_SEED ?? 20261123);
const STATE = makeState(SEED, 200, 300);
const SHARDS = 4;

const slicePlan = (
  i: number,
  index: number,
  count: number,
  cfg = config({ rate: { base: "10/s" } }),
) =>
  planMinute({
    seed: SEED,
    minute: minuteAt(i),
    config: cfg,
    state: STATE,
    dataset: DATASET,
    slice: { index, count },
  });

/** The union of the shards' slices of minute `i`, in index order. */
const union = (i: number, cfg = config({ rate: { base: "10/s" } })) =>
  Array.from({ length: SHARDS }, (_, s) => slicePlan(i, s, SHARDS, cfg).events)
    .flat()
    .sort((a, b) => a.index - b.index);

// The loops below are seconds of CPU (tens at nice 19 beside the suite): they let the worker's
// event loop turn between chunks, or vitest's RPC from this worker times out behind them.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
describe(`a minute split over ${SHARDS} shards (seed ${SEED})`, () => {
  it("every event of the whole plan is in exactly one slice, with its time, kind and key", () => {
    for (const m of [0, 1, 2]) {
      const whole = planMinute({
        seed: SEED,
        minute: minuteAt(m),
        config: config({ rate: { base: "10/s" } }),
        state: STATE,
        dataset: DATASET,
      });
      const parts = Array.from({ length: SHARDS }, (_, s) => slicePlan(m, s, SHARDS).events);
      for (const [s, part] of parts.entries())
        expect(part.every((e) => e.index % SHARDS === s)).toBe(true);
      const all = parts.flat().sort((a, b) => a.index - b.index);
      expect(all.map((e) => e.index)).toEqual(whole.events.map((e) => e.index));
      const shape = (e: PlannedEvent) => [e.offsetMs, e.kind, e.idempotencyKey];
      expect(all.map(shape)).toEqual(whole.events.map(shape));
      expect(new Set(all.map((e) => e.idempotencyKey)).size).toBe(whole.events.length);
    }
  });

  it("re-planning a slice gives it again, byte for byte (a re-invoked shard writes nothing new)", () => {
    expect(JSON.stringify(slicePlan(5, 2, SHARDS))).toBe(JSON.stringify(slicePlan(5, 2, SHARDS)));
  });

  it("the union over 3,000 minutes: Poisson counts, exponential gaps across minute and shard boundaries, the mix", async () => {
    const MINUTES = 3_000;
    const lambda = 60; // 1/s
    const cfg = config({ rate: { base: "1/s" } });
    const counts = new Float64Array(MINUTES);
    const times: number[] = [];
    const kinds = new Map<string, number>();
    for (let m = 0; m < MINUTES; m++) {
      if (m % 100 === 0) await turn();
      const events = union(m, cfg);
      counts[m] = events.length;
      for (const e of events) {
        times.push(m * 60_000 + e.offsetMs);
        kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
      }
    }
    const { mean, variance } = meanVar(counts);
    expect(Math.abs(mean - lambda)).toBeLessThan(4.5 * Math.sqrt(lambda / MINUTES));
    expect(variance / mean).toBeGreaterThan(0.9);
    expect(variance / mean).toBeLessThan(1.1);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps.every((g) => g >= 0)).toBe(true);
    const ks = ksTest(gaps, exponentialCdf(lambda / 60_000));
    expect(ks.pValue, `KS D=${ks.d}`).toBeGreaterThan(0.001);
    // The default mix, kind by kind, on the union.
    const total = times.length;
    const mix = cfg.mix as Record<string, number>;
    const weight = EventKinds.reduce((s, k) => s + (mix[k] ?? 0), 0);
    for (const k of EventKinds) {
      const z = binomialZ(kinds.get(k) ?? 0, total, (mix[k] ?? 0) / weight);
      expect(Math.abs(z), `${k}: ${kinds.get(k)} of ${total}`).toBeLessThan(4.5);
    }
  });

  it("a shard's slice costs its share of the CPU, not the whole minute's", async () => {
    const cfg = config({ rate: { base: "1500/s" } });
    const drain = (slice?: { index: number; count: number }) => {
      const t = performance.now();
      const c = planCursor({
        seed: SEED,
        minute: minuteAt(9),
        config: cfg,
        state: STATE,
        dataset: DATASET,
        slice,
      });
      let n = 0;
      while (c.next() !== undefined) n++;
      return { ms: performance.now() - t, n };
    };
    drain(); // warm the JIT and Faker
    // Pairs run back to back, judged by the best pair's ratio: a burst of load from the files
    // running beside this one slows both halves of a pair alike, and has to hit every pair to fail.
    const pairs: { whole: { ms: number; n: number }; part: { ms: number; n: number } }[] = [];
    for (let i = 0; i < 8; i++) {
      await turn();
      pairs.push({ whole: drain(), part: drain({ index: 1, count: SHARDS }) });
    }
    const { whole, part } = pairs.reduce((a, b) =>
      b.part.ms / b.whole.ms < a.part.ms / a.whole.ms ? b : a,
    );
    expect(part.n).toBeGreaterThan(whole.n / SHARDS - 300);
    expect(part.n).toBeLessThan(whole.n / SHARDS + 300);
    // Times and key draws of the other shards' events remain; the payloads do not. Measured ~0.3
    // on a quiet machine; the whole minute's cost would be 1.
    expect(
      part.ms,
      `slice ${part.ms.toFixed(1)} ms vs whole ${whole.ms.toFixed(1)} ms`,
    ).toBeLessThan(0.6 * whole.ms);
  });
});
