// A clickstream stream's minute through the generator's own tick (the scenario registry), against
// the real broker and Postgres: exactly the planned messages land, the minute's row says so, a
// replay sends nothing, and a stream's max_count is a hard budget.
import * as Kafka from "@gg/core/kafka";
import { ClickstreamUser, Interaction } from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import { clickstreamScenario, createWorldCache } from "@gg/traffic/clickstream";
import { applyClickstreamSettings } from "@gg/traffic/clickstream/model";
import { runTick } from "@gg/traffic/generator";
import type { MinuteRecord, ScenarioRegistry } from "@gg/traffic/minute";
import { drawArrivals } from "@gg/traffic/rates";
import * as Streams from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FreshDatabase,
  type FreshTopic,
  freshDatabase,
  freshTopic,
  testKafka,
} from "../../support/fixtures";

const SEED = process.env.TEST_SEED ?? "cs-stream-2026";
const RATE = 20; // ~1200 events in the minute
const SCALE = 30; // the minute plays in 2 s
// A whole minute that has passed, so every record's timestamp is in the past.
const MINUTE = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 120_000);
const kafka = testKafka();
const producer = Kafka.createProducer(kafka);
let db: FreshDatabase;
let interactions: FreshTopic;
let users: FreshTopic;
let scenarios: ScenarioRegistry;

beforeAll(async () => {
  db = await freshDatabase();
  interactions = await freshTopic(kafka, "test.cs.interactions", 3);
  users = await freshTopic(kafka, "test.cs.users", 3);
  const topics = {
    users: users.name,
    products: "unused",
    interactions: interactions.name,
    sessions: "unused",
  };
  const worlds = createWorldCache({
    max: 2,
    config: applyClickstreamSettings({ users: 20_000, products: 2_000 }),
  });
  scenarios = { clickstream: clickstreamScenario({ producer: () => producer, topics, worlds }) };
});

afterAll(async () => {
  await producer.disconnect();
  await interactions?.drop();
  await users?.drop();
  await db?.drop();
});

const start = (input: Record<string, unknown>) =>
  Streams.create(db.pool, Streams.StartStream.parse({ seed: SEED, ...input }));

const tick = async (streamId: string) => {
  const result = await runTick({
    db: db.pool,
    scenarios,
    minute: MINUTE,
    log: () => {},
    timing: { scale: SCALE },
    streamIds: [streamId],
    logError: () => {},
  });
  const outcome = result.streams.find((s) => s.streamId === streamId);
  if (!outcome || !("record" in outcome))
    throw new Error(`minute failed: ${JSON.stringify(outcome)}`);
  return { record: outcome.record as MinuteRecord, completed: result.completed };
};

const plannedCount = (rate: number) => {
  const root = createRandom(SEED, "clickstream-minute", MINUTE.toISOString());
  return drawArrivals(root.fork("count"), root.fork("offsets"), rate).count;
};

describe(`clickstream stream minutes on the real broker (seed ${SEED})`, () => {
  it("lands exactly the planned interactions and records the minute in traffic_minutes", async () => {
    const stream = await start({ data_type: "interactions", rate: RATE });
    const planned = plannedCount(RATE);
    const { record } = await tick(stream.stream_id);
    expect(record).toMatchObject({
      status: "ran",
      planned,
      sent: planned,
      succeeded: planned,
      failed: 0,
    });
    expect(record.lateness.p99).not.toBeNull();
    // 50 ms ticks, compressed 30×: a send is due-to-dispatch within a few ticks.
    expect(record.lateness.p99 as number).toBeLessThan(500);

    const { rows } = await db.pool.query(
      "SELECT planned, sent, succeeded, failed, by_kind FROM traffic_minutes WHERE stream_id = $1",
      [stream.stream_id],
    );
    expect(rows).toEqual([
      {
        planned,
        sent: planned,
        succeeded: planned,
        failed: 0,
        by_kind: { interactions: expect.objectContaining({ planned, sent: planned }) },
      },
    ]);

    const got = await Kafka.readMessages(kafka, interactions.name, {
      count: planned,
      timeoutMs: 30_000,
      settleMs: 1_000,
    });
    expect(got).toHaveLength(planned);
    const minuteEnd = MINUTE.getTime() + 60_000;
    for (const m of got) {
      const it = Interaction.parse(m.value);
      expect(m.key).toBe(it.interaction_id);
      expect(Date.parse(it.timestamp)).toBeLessThanOrEqual(minuteEnd);
    }

    const stats = await Streams.stats(db.pool, stream.stream_id);
    expect(stats[0]).toMatchObject({ minutes: 1, planned, sent: planned });
  });

  it("a second invocation of the minute sends nothing", async () => {
    const [stream] = await Streams.list(db.pool, "running");
    if (!stream) throw new Error("the first test's stream is gone");
    const before = plannedCount(RATE);
    const { record } = await tick(stream.stream_id);
    expect(record).toMatchObject({ status: "already-ran", sent: 0 });
    const offsets = await Kafka.readMessages(kafka, interactions.name, {
      count: before,
      settleMs: 1_000,
    });
    expect(offsets).toHaveLength(before);
  });

  it("spends at most max_count, then the stream completes", async () => {
    const stream = await start({ data_type: "users", rate: RATE, max_count: 50 });
    const { record, completed } = await tick(stream.stream_id);
    expect(record).toMatchObject({ planned: 50, sent: 50, succeeded: 50 });
    expect(record.skipped).toBe(plannedCount(RATE) - 50);
    expect(completed).toContain(stream.stream_id);
    expect(await Streams.get(db.pool, stream.stream_id)).toMatchObject({
      status: "completed",
      stop_reason: "max_count reached",
    });
    const got = await Kafka.readMessages(kafka, users.name, { count: 50, settleMs: 1_000 });
    expect(got).toHaveLength(50);
    for (const m of got) expect(m.key).toBe(ClickstreamUser.parse(m.value).user_id);
  });

  it("isolates streams: a bad config and a rate past the ceiling fail alone, the rest runs", async () => {
    // Stored as older deployments could have stored them (no validation stands in the way here).
    const insert = async (config: Record<string, unknown>) => {
      const { rows } = await db.pool.query<{ id: string }>(
        `INSERT INTO traffic_streams (id, scenario, config) VALUES (gen_random_uuid(), 'clickstream', $1)
         RETURNING id::text AS id`,
        [JSON.stringify({ seed: SEED, ...config })],
      );
      return rows[0]?.id as string;
    };
    const huge = await insert({ data_type: "interactions", rate: "1000000000/s" });
    const bad = await insert({ data_type: "orders" });
    const good = (await start({ data_type: "interactions", rate: 2 })).stream_id;
    const heap = process.memoryUsage().heapUsed;
    const t0 = Date.now();
    const result = await runTick({
      db: db.pool,
      scenarios,
      minute: new Date(MINUTE.getTime() + 60_000),
      timing: { scale: SCALE },
      streamIds: [huge, bad, good],
      log: () => {},
      logError: () => {},
    });
    const by = new Map(result.streams.map((s) => [s.streamId, s]));
    expect(by.get(huge)).toMatchObject({
      error: expect.stringMatching(/above the ceiling of 1207669 \(a stream at 20,000 events\/s/),
    });
    expect(by.get(bad)).toMatchObject({ error: expect.stringMatching(/bad config.*data_type/) });
    const ok = by.get(good);
    if (!ok || !("record" in ok)) throw new Error(`good stream failed: ${JSON.stringify(ok)}`);
    expect(ok.record.planned).toBeGreaterThan(0);
    expect(ok.record).toMatchObject({ status: "ran", sent: ok.record.planned, failed: 0 });
    // 6·10^10 planned events cost neither time nor memory before they are refused.
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100 * 1024 * 1024);
    await db.pool.query("UPDATE traffic_streams SET status = 'stopped' WHERE id = ANY($1)", [
      [huge, bad, good],
    ]);
  });
});
