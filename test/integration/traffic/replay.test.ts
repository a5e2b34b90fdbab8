// A recorded shape replayed, on the real API and database: 60 minutes of counts with a daily-like
// swing (6x, trough to peak), written as the `minute,count` CSV `pnpm generate shape` writes, read
// back as a replay profile, and backfilled minute after minute (the CLI's backfill engine, so an
// hour takes seconds). What landed is read back per minute by event time with the shape
// command's own query, and must track the shape: Pearson r >= 0.95, and every minute inside the
// Poisson 99.9% band of its expected count. Wall time: ~3,300 events through the in-process API.
import { runTick } from "@gg/traffic/generator";
import {
  bootstrap,
  gourmetgramScenario,
  inProcessTarget,
  recordedShape,
} from "@gg/traffic/gourmetgram";
import { bundledFood11Root, food11Index } from "@gg/traffic/gourmetgram/images";
import { parseShapeCsv, shapeCsv } from "@gg/traffic/rates";
import { DEFAULT_RATE_CEILINGS } from "@gg/traffic/scenarios";
import * as Streams from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../support/api";

const SEED = process.env.TEST_SEED ?? "replay";
const MINUTE_MS = 60_000;
const RECORDED = Date.parse("2026-11-20T06:00:00Z");
const REPLAYED = Date.parse("2026-11-27T06:00:00Z");
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(() => api?.close());

/** P(X <= k) for X ~ Poisson(lambda), by summing the terms (lambda is small here). */
function poissonCdf(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= lambda / i;
    sum += term;
  }
  return sum;
}

/** The central 99.9% of Poisson(lambda): [lo, hi] with 0.05% outside each side. */
function band(lambda: number): [number, number] {
  let lo = 0;
  while (poissonCdf(lo, lambda) < 0.0005) lo++;
  let hi = lo;
  while (poissonCdf(hi, lambda) < 0.9995) hi++;
  return [lo, hi];
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("a recorded shape, replayed through backfill", () => {
  it("lands minute by minute on its shape (Pearson >= 0.95, each minute in its 99.9% Poisson band)", async () => {
    // A daily-like hour: a trough of 15 events a minute rising to 95 and back.
    const recorded = Array.from({ length: 60 }, (_, i) => ({
      minute: new Date(RECORDED + i * MINUTE_MS),
      count: Math.round(15 + 80 * ((1 - Math.cos((2 * Math.PI * i) / 60)) / 2)),
    }));
    const counts = recorded.map((r) => r.count);
    expect(Math.max(...counts) / Math.min(...counts)).toBeGreaterThanOrEqual(5);
    const shape = parseShapeCsv(shapeCsv(recorded));
    expect(shape.counts).toEqual(counts);

    const dataset = await food11Index(bundledFood11Root());
    const target = inProcessTarget(api.app);
    // Enough people and images for every minute to act: no minute creates actors of its own.
    await bootstrap({
      db: api.db.pool,
      target,
      dataset,
      seed: SEED,
      users: 20,
      images: 20,
      testAccountRate: 0,
    });
    const config = Streams.StartStream.parse({
      seed: SEED,
      profile: { replay: { counts: shape.counts, start: new Date(REPLAYED).toISOString() } },
    });
    Streams.validateStart(config, DEFAULT_RATE_CEILINGS);
    const stream = await Streams.create(api.db.pool, config);
    const scenario = gourmetgramScenario({ target, dataset: async () => dataset, concurrency: 64 });
    const started = Date.now();
    let planned = 0;
    for (let i = 0; i < 60; i++) {
      const result = await runTick({
        db: api.db.pool,
        scenarios: { gourmetgram: scenario },
        minute: new Date(REPLAYED + i * MINUTE_MS),
        timing: { mode: "backfill" },
        streamIds: [stream.stream_id],
        log: () => {},
      });
      const outcome = result.streams[0];
      if (!outcome || !("record" in outcome)) throw new Error(JSON.stringify(outcome));
      expect(outcome.record.expected).toBeCloseTo(counts[i]!, 9);
      expect(outcome.record.failed, outcome.record.errors.join("; ")).toBe(0);
      planned += outcome.record.planned;
    }
    const landed = (
      await recordedShape(api.db.pool, {
        from: new Date(REPLAYED),
        to: new Date(REPLAYED + 60 * MINUTE_MS),
        table: "events",
      })
    ).map((r) => r.count);
    const r = pearson(counts, landed);
    console.log(
      `replay: ${planned} events in ${((Date.now() - started) / 1000).toFixed(1)} s (backfill), ` +
        `Pearson r ${r.toFixed(4)} (seed ${SEED})`,
    );
    expect(landed.reduce((s, n) => s + n, 0)).toBe(planned);
    const outside = landed
      .map((n, i) => ({ minute: i, expected: counts[i]!, landed: n, band: band(counts[i]!) }))
      .filter((m) => m.landed < m.band[0] || m.landed > m.band[1]);
    expect(outside, `seed ${SEED}`).toEqual([]);
    expect(r, `seed ${SEED}`).toBeGreaterThanOrEqual(0.95);
  }, 240_000);
});
