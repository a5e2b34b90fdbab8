// Scenario settings end to end on the real broker and Postgres: a clickstream stream started with
// custom segment shares and price ranges, and /generate calls with them, put data on Kafka within
// binomial tolerance of what was asked; bad settings and rates above the ceiling are located 422s.
import { buildControlRuntime, type ControlRuntime, createControlApp } from "@gg/control";
import * as Kafka from "@gg/core/kafka";
import { ClickstreamUser, Product, SEGMENTS } from "@gg/core/kafka";
import { clickstreamScenario } from "@gg/traffic/clickstream";
import { runTick } from "@gg/traffic/generator";
import type { MinuteRecord } from "@gg/traffic/minute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FreshDatabase,
  type FreshTopic,
  freshDatabase,
  freshTopic,
  testKafka,
} from "../../support/fixtures";
import { stack } from "../../support/stack";

const SEED = process.env.TEST_SEED ?? "settings-2026";
const KEY = "settings-test-key";
const kafka = testKafka();
const producer = Kafka.createProducer(kafka);
let db: FreshDatabase;
let runtime: ControlRuntime;
let app: ReturnType<typeof createControlApp>;
let users: FreshTopic;
let products: FreshTopic;
let topics: Record<"users" | "products" | "interactions" | "sessions", string>;

/** Far from the defaults (40/35/20/5), so settings that did not arrive cannot pass. */
const SHARES = { casual: 0.1, regular: 0.15, power: 0.25, premium: 0.5 };
const PRICES = { electronics: [100, 150], books: [3, 4], toys: [60, 61] } as const;
const SETTINGS = {
  users: 20_000,
  products: 2_000,
  segments: Object.fromEntries(SEGMENTS.map((s) => [s, { share: SHARES[s] }])),
  prices: PRICES,
};

const call = (method: "GET" | "POST", path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { "x-api-key": KEY, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  db = await freshDatabase();
  users = await freshTopic(kafka, "test.settings.users", 3);
  products = await freshTopic(kafka, "test.settings.products", 3);
  topics = {
    users: users.name,
    products: products.name,
    interactions: "unused",
    sessions: "unused",
  };
  runtime = await buildControlRuntime(
    {
      databaseUrl: db.url,
      databasePoolSize: 2,
      kafka: {
        brokers: stack.kafkaBrokers,
        clientId: "gg-test-settings",
        logLevel: "nothing",
        topicPrefix: "",
        ssl: false,
      },
      apiKey: KEY,
      clickstreamTopics: topics,
      schedule: null,
      rateCeilings: { gourmetgram: 2_000, clickstream: 500 },
    },
    { info: () => {}, error: () => {} },
  );
  app = createControlApp(runtime.deps);
});

afterAll(async () => {
  await producer.disconnect();
  await runtime?.close();
  await users?.drop();
  await products?.drop();
  await db?.drop();
});

/** Counts within z standard errors of the expected shares (binomial, per segment). */
function expectShares(segments: string[]): void {
  const n = segments.length;
  for (const s of SEGMENTS) {
    const got = segments.filter((x) => x === s).length / n;
    const p = SHARES[s];
    const se = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(got - p), `${s}: ${got} of ${n}, expected ${p}`).toBeLessThan(4.5 * se);
  }
}

function expectPrices(values: unknown[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    const p = Product.parse(v);
    const range = PRICES[p.category as keyof typeof PRICES];
    if (!range) continue;
    seen.add(p.category);
    expect(p.price, `${p.category} ${p.price}`).toBeGreaterThanOrEqual(range[0]);
    expect(p.price, `${p.category} ${p.price}`).toBeLessThanOrEqual(range[1]);
  }
  expect([...seen].sort()).toEqual(Object.keys(PRICES).sort());
}

/** Messages on a topic: the sum of its partitions' high-water marks. */
async function countOn(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((s, p) => s + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Runs one past minute of `streamId` at once (backfill), through the generator's tick. */
async function runMinute(streamId: string, minute: Date): Promise<MinuteRecord> {
  const result = await runTick({
    db: db.pool,
    scenarios: { clickstream: clickstreamScenario({ producer: () => producer, topics }) },
    minute,
    timing: { mode: "backfill" },
    streamIds: [streamId],
    log: () => {},
    logError: () => {},
  });
  const outcome = result.streams[0];
  if (!outcome || !("record" in outcome)) throw new Error(`minute: ${JSON.stringify(outcome)}`);
  return outcome.record as MinuteRecord;
}

describe(`clickstream settings on the real broker (seed ${SEED})`, () => {
  it("a stream started with custom shares and prices sends users and products that follow them", async () => {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 180_000);
    const started: Record<string, string> = {};
    for (const data_type of ["users", "products"] as const) {
      const res = await call("POST", "/stream/start", {
        data_type,
        rate: 100, // ~6,000 records in the minute
        seed: SEED,
        settings: SETTINGS,
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { stream_id: string; stream: { config: unknown } };
      expect(body.stream.config).toMatchObject({ settings: SETTINGS });
      started[data_type] = body.stream_id;
    }
    const userMinute = await runMinute(started.users as string, minute);
    expect(userMinute).toMatchObject({ status: "ran", failed: 0 });
    expect(userMinute.succeeded).toBeGreaterThan(5_000);
    const gotUsers = await Kafka.readMessages(kafka, users.name, {
      count: userMinute.succeeded,
      timeoutMs: 30_000,
      settleMs: 500,
    });
    expect(gotUsers).toHaveLength(userMinute.succeeded);
    expectShares(gotUsers.map((m) => ClickstreamUser.parse(m.value).segment));

    const productMinute = await runMinute(started.products as string, minute);
    expect(productMinute).toMatchObject({ status: "ran", failed: 0 });
    const gotProducts = await Kafka.readMessages(kafka, products.name, {
      count: productMinute.succeeded,
      timeoutMs: 30_000,
      settleMs: 500,
    });
    expect(gotProducts).toHaveLength(productMinute.succeeded);
    expectPrices(gotProducts.map((m) => m.value));
  });

  it("bounds the running streams' sum by the ceiling too: 409 past it, 200 up to it", async () => {
    // The first test left two clickstream streams at 100/s running; the ceiling here is 500/s.
    const over = await call("POST", "/stream/start", { data_type: "sessions", rate: 301 });
    expect(over.status).toBe(409);
    expect(((await over.json()) as { detail: string }).detail).toBe(
      "rate too high: the running clickstream streams already fire up to 200 events/s; with this " +
        "one (301 events/s) that is above the 500 events/s this deployment fires " +
        "(CLICKSTREAM_MAX_RATE): stop one or lower the rate",
    );
    const fits = await call("POST", "/stream/start", { data_type: "sessions", rate: 300 });
    expect(fits.status).toBe(200);
    // GourmetGram streams have their own ceiling.
    expect((await call("POST", "/stream/start", { rate: "10/s" })).status).toBe(200);
  });

  it("POST /generate with settings delivers users with those shares", async () => {
    const before = await countOn(users.name);
    const res = await call("POST", "/generate/users", {
      count: 8_000,
      stream: true,
      seed: SEED,
      settings: SETTINGS,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ delivered: 8_000 });
    const all = await Kafka.readMessages(kafka, users.name, {
      count: before + 8_000,
      timeoutMs: 30_000,
      settleMs: 500,
    });
    // The topic also holds the stream's users (same settings): were /generate's 8,000 drawn with
    // the default shares, the mixture would be far off (premium ~0.24 instead of 0.5).
    expectShares(all.map((m) => ClickstreamUser.parse(m.value).segment));
  });

  it.each([
    [
      { data_type: "users", settings: { segments: { vip: { share: 1 } } } },
      ["body", "settings", "segments"],
    ],
    [
      { data_type: "products", settings: { prices: { books: [9, 1] } } },
      ["body", "settings", "prices", "books"],
    ],
    [{ settings: { testAccountRate: 1.5 } }, ["body", "settings", "testAccountRate"]],
    // The deployment here fires at most 500 clickstream events/s per stream.
    [{ data_type: "users", rate: 501 }, ["body", "rate"]],
    [{ rate: "99999999/s" }, ["body", "rate"]],
  ])("/stream/start %j is a 422 at %j", async (body, loc) => {
    const res = await call("POST", "/stream/start", body);
    expect(res.status).toBe(422);
    const { detail } = (await res.json()) as { detail: { loc: unknown[]; msg: string }[] };
    expect(detail[0]?.loc).toEqual(loc);
  });

  it("GET /generate/sample takes the settings as JSON in the query", async () => {
    const q = encodeURIComponent(JSON.stringify({ products: 500, prices: PRICES }));
    const res = await call("GET", `/generate/sample/products?count=100&seed=${SEED}&settings=${q}`);
    expect(res.status).toBe(200);
    const samples = (await res.json()) as unknown[];
    expect(samples).toHaveLength(100);
    for (const v of samples) {
      const p = Product.parse(v);
      const range = PRICES[p.category as keyof typeof PRICES];
      if (range) expect(p.price).toBeGreaterThanOrEqual(range[0]);
      if (range) expect(p.price).toBeLessThanOrEqual(range[1]);
    }
    const bad = await call(
      "GET",
      `/generate/sample/users?settings=${encodeURIComponent('{"users":0}')}`,
    );
    expect(bad.status).toBe(422);
    const { detail } = (await bad.json()) as { detail: { loc: unknown[] }[] };
    expect(detail[0]?.loc).toEqual(["query", "settings", "users"]);
  });

  it("/generate with a bad setting is a located 422", async () => {
    const res = await call("POST", "/generate/products", {
      count: 10,
      settings: { prices: { books: [9, 1] } },
    });
    expect(res.status).toBe(422);
    const { detail } = (await res.json()) as { detail: { loc: unknown[] }[] };
    expect(detail[0]?.loc).toEqual(["body", "settings", "prices", "books"]);
  });
});
