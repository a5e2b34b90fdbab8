import { ClickstreamSession, ClickstreamUser, Interaction } from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import { clickstreamScenario, createWorldCache } from "@gg/traffic/clickstream";
import { applyClickstreamSettings } from "@gg/traffic/clickstream/model";
import { type MinuteRecord, runStreamMinute, type StreamMinute } from "@gg/traffic/minute";
import { drawArrivals } from "@gg/traffic/rates";
import { describe, expect, it } from "vitest";
import { captureProducer, virtualClock } from "./fakes";
import { micros } from "./model/fixtures";

const SEED = process.env.TEST_SEED ?? "cs-runner-2026";
const MINUTE = new Date("2026-03-01T12:07:00.000Z");
const TOPICS = { users: "u", products: "p", interactions: "i", sessions: "s" } as const;
// A small world: the runner's behaviour does not depend on the population's size.
const worlds = createWorldCache({
  max: 2,
  config: applyClickstreamSettings({ users: 5_000, products: 1_000 }),
});

const stream = (config: Record<string, unknown>) => ({
  stream_id: "00000000-0000-4000-8000-00000000c11c",
  started_at: "2026-03-01T11:00:00.000000+00:00",
  config: { seed: SEED, ...config },
});

/** A minute on a virtual clock (it starts at the minute, so live timing is exact). */
async function minute(
  config: Record<string, unknown>,
  over: Partial<StreamMinute> = {},
  maxRate?: number,
) {
  const clock = virtualClock(MINUTE.getTime());
  const producer = captureProducer(clock);
  const scenario = clickstreamScenario({
    producer: () => producer,
    topics: TOPICS,
    worlds,
    maxRate,
  });
  const record: MinuteRecord = await runStreamMinute(scenario, {
    stream: stream(config),
    minute: MINUTE,
    clock,
    log: () => {},
    ...over,
  });
  return { record, producer, parsed: producer.messages().map((m) => JSON.parse(String(m.value))) };
}

describe(`clickstream stream minute (seed ${SEED})`, () => {
  it("plans the GourmetGram arrival model's count (Poisson, order statistics) and sends all of it", async () => {
    const { record, producer } = await minute({ data_type: "interactions", rate: 20 });
    const root = createRandom(SEED, "clickstream-minute", MINUTE.toISOString());
    const { count } = drawArrivals(root.fork("count"), root.fork("offsets"), 20);
    expect(record).toMatchObject({ status: "ran", planned: count, sent: count, succeeded: count });
    expect(record).toMatchObject({
      failed: 0,
      skipped: 0,
      expected: 1200,
      scenario: "clickstream",
    });
    // Poisson(1200): within 5 sd of its mean.
    expect(Math.abs(count - 1200)).toBeLessThan(5 * Math.sqrt(1200));
    expect(new Set(producer.batches.map((b) => b.topic))).toEqual(new Set(["i"]));
    expect(record.byKind).toEqual({
      interactions: {
        planned: count,
        skipped: 0,
        sent: count,
        succeeded: count,
        failed: 0,
        duplicate: 0,
        retried: 0,
        recovered: 0,
      },
    });
  });

  it("fires a stream at the deployment's ceiling; refuses one far above it before sending", async () => {
    const at = await minute({ data_type: "users", rate: 20 }, {}, 20);
    expect(at.record).toMatchObject({ status: "ran", failed: 0 });
    await expect(minute({ data_type: "users", rate: 40 }, {}, 20)).rejects.toThrow(
      /above the ceiling of 1443 \(a stream at 20 events\/s/,
    );
  });

  it("builds its records from the stream's own settings (world sizes, segment shares)", async () => {
    const settings = { users: 200, segments: { casual: { share: 0 }, regular: { share: 0 } } };
    const { parsed } = await minute({ data_type: "users", rate: 5, settings });
    expect(parsed.length).toBeGreaterThan(100);
    const segments = new Set(parsed.map((u) => ClickstreamUser.parse(u).segment));
    expect([...segments].sort()).toEqual(["power", "premium"]);
  });

  it("is a pure function of (seed, minute): a replay sends byte-identical messages", async () => {
    const a = await minute({ data_type: "interactions", rate: 5 });
    const b = await minute({ data_type: "interactions", rate: 5 });
    expect(b.producer.messages()).toEqual(a.producer.messages());
    const next = await minute(
      { data_type: "interactions", rate: 5 },
      { minute: new Date(MINUTE.getTime() + 60_000) },
    );
    expect(next.producer.messages()[0]).not.toEqual(a.producer.messages()[0]);
  });

  it("stamps interactions at or before their send time, session by session, one user each", async () => {
    const { parsed, producer } = await minute({ data_type: "interactions", rate: 20 });
    const sentAtMicros = producer.batches.flatMap((b) => b.messages.map(() => b.at * 1000));
    const bySession = new Map<string, { user: string; last: number }>();
    parsed.forEach((value, i) => {
      const it = Interaction.parse(value);
      const t = micros(it.timestamp);
      expect(t).toBeLessThanOrEqual(sentAtMicros[i] as number);
      const s = bySession.get(it.session_id);
      if (s) {
        expect(it.user_id).toBe(s.user);
        expect(t).toBeGreaterThan(s.last);
      }
      bySession.set(it.session_id, { user: it.user_id, last: t });
    });
    expect(bySession.size).toBeGreaterThan(10);
  });

  it("keys by entity id for each data_type", async () => {
    const users = await minute({ data_type: "users", rate: 2 });
    expect(users.producer.messages().map((m) => m.key)).toEqual(
      users.parsed.map((v) => ClickstreamUser.parse(v).user_id),
    );
    const sessions = await minute({ data_type: "sessions", rate: 2 });
    expect(sessions.producer.messages().map((m) => m.key)).toEqual(
      sessions.parsed.map((v) => ClickstreamSession.parse(v).session_id),
    );
    expect(users.parsed.length).toBeGreaterThan(0);
    expect(new Set(users.producer.batches.map((b) => b.topic))).toEqual(new Set(["u"]));
  });

  it("respects the remaining budget: the rest is skipped, never sent", async () => {
    const { record, producer } = await minute(
      { data_type: "interactions", rate: 20 },
      { budget: 100 },
    );
    expect(record).toMatchObject({ planned: 100, sent: 100 });
    expect(record.skipped).toBeGreaterThan(900);
    expect(producer.messages()).toHaveLength(100);
  });

  it("accepts a rate with a unit and a profile burst (a string rate is not per hour by mistake)", async () => {
    const { record } = await minute({
      data_type: "products",
      rate: "600/min",
      profile: { bursts: [{ start: MINUTE.toISOString(), duration: "1m", multiplier: 3 }] },
    });
    expect(record.expected).toBeCloseTo(1800, 6);
  });

  it("backfill sends the whole minute at once and records no lateness", async () => {
    const { record, producer } = await minute(
      { data_type: "interactions", rate: 5 },
      { timing: { mode: "backfill" } },
    );
    expect(record.sent).toBeGreaterThan(0);
    expect(new Set(producer.batches.map((b) => b.at)).size).toBe(1);
    expect(record.lateness).toEqual({ p50: null, p99: null, max: null });
  });
});
