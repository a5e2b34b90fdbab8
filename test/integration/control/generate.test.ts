// /generate against the real broker: a 200 means every message is on the topic (read back, keys
// and schemas checked); a dead broker is a 503 that says how many landed; samples are bounded.

import { buildControlRuntime, type ControlRuntime, createControlApp } from "@gg/control";
import * as Kafka from "@gg/core/kafka";
import { ClickstreamSession, ClickstreamUser, Interaction, Product } from "@gg/core/kafka";
import { DEFAULT_RATE_CEILINGS } from "@gg/traffic/scenarios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FreshDatabase,
  type FreshTopic,
  freshDatabase,
  freshTopic,
  testKafka,
} from "../../support/fixtures";
import { stack } from "../../support/stack";

const SEED = process.env.TEST_SEED ?? "generate-2026";
const KEY = "generate-test-key";
const silent = { info: () => {}, error: () => {} };
const kafka = testKafka();
let db: FreshDatabase;
let runtime: ControlRuntime;
let app: ReturnType<typeof createControlApp>;
const topics: Partial<Record<"users" | "products" | "interactions" | "sessions", FreshTopic>> = {};

const call = (method: "GET" | "POST", path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { "x-api-key": KEY, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

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

beforeAll(async () => {
  db = await freshDatabase();
  for (const kind of ["users", "products", "interactions", "sessions"] as const) {
    topics[kind] = await freshTopic(kafka, `test.cs.${kind}`, 3);
  }
  runtime = await buildControlRuntime(
    {
      databaseUrl: db.url,
      databasePoolSize: 2,
      kafka: {
        brokers: stack.kafkaBrokers,
        clientId: "gg-test-generate",
        logLevel: "nothing",
        topicPrefix: "",
        ssl: false,
      },
      apiKey: KEY,
      clickstreamTopics: {
        users: topics.users?.name as string,
        products: topics.products?.name as string,
        interactions: topics.interactions?.name as string,
        sessions: topics.sessions?.name as string,
      },
      schedule: null,
      rateCeilings: DEFAULT_RATE_CEILINGS,
    },
    silent,
  );
  app = createControlApp(runtime.deps);
});

afterAll(async () => {
  await runtime?.close();
  await Promise.all(Object.values(topics).map((t) => t?.drop()));
  await db?.drop();
});

describe(`POST /generate/{data_type} (seed ${SEED})`, () => {
  it("stream: true lands exactly `count` interactions, keyed by id, schema-valid, one user per session", async () => {
    const res = await call("POST", "/generate/interactions", {
      count: 1000,
      stream: true,
      seed: SEED,
      batch_size: 200,
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      success: true,
      count_generated: 1000,
      delivered: 1000,
      topic: topics.interactions?.name,
    });
    expect(body.rate_per_second).toBeGreaterThan(0);
    const got = await Kafka.readMessages(kafka, topics.interactions?.name as string, {
      count: 1000,
      timeoutMs: 30_000,
      settleMs: 1_000,
    });
    expect(got).toHaveLength(1000);
    const now = Date.now();
    const users = new Map<string, Set<string>>();
    for (const m of got) {
      const it = Interaction.parse(m.value);
      expect(m.key).toBe(it.interaction_id);
      expect(Date.parse(it.timestamp)).toBeLessThanOrEqual(now);
      users.set(it.session_id, (users.get(it.session_id) ?? new Set()).add(it.user_id));
    }
    expect(new Set(got.map((m) => m.key)).size).toBe(1000);
    // Whole sessions, each of one user (the original reused sessions across users).
    expect(users.size).toBeGreaterThan(20);
    expect([...users.values()].filter((u) => u.size !== 1)).toEqual([]);
  });

  it("keys users, products and sessions by their own ids", async () => {
    const cases = [
      ["users", ClickstreamUser, "user_id"],
      ["products", Product, "product_id"],
      ["sessions", ClickstreamSession, "session_id"],
    ] as const;
    for (const [kind, schema, id] of cases) {
      const res = await call("POST", `/generate/${kind}`, { count: 50, stream: true });
      expect(res.status, kind).toBe(200);
      const got = await Kafka.readMessages(kafka, topics[kind]?.name as string, {
        count: 50,
        timeoutMs: 30_000,
      });
      for (const m of got)
        expect(m.key).toBe((schema.parse(m.value) as Record<string, unknown>)[id]);
    }
  });

  it("paces delivery at `rate` (200 messages at 1000/s take at least 0.19 s)", async () => {
    const res = await call("POST", "/generate/products", { count: 200, stream: true, rate: 1000 });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.time_taken).toBeGreaterThanOrEqual(0.19);
    expect(body.rate_per_second).toBeLessThanOrEqual(1100);
  });

  it("stream: false generates and sends nothing", async () => {
    const before = await countOn(topics.sessions?.name as string);
    const res = await call("POST", "/generate/sessions", { count: 300 });
    expect(await res.json()).toMatchObject({
      success: true,
      count_generated: 300,
      delivered: 0,
      topic: null,
    });
    expect(await countOn(topics.sessions?.name as string)).toBe(before);
  });

  it("bounds its inputs with FastAPI-shaped 422s", async () => {
    for (const body of [
      { count: 0 },
      { count: 10_001 },
      { count: 10, batch_size: 0 },
      { count: 10, rate: -1 },
      { count: 10_000, rate: 10, stream: true }, // 1000 s of pacing: a stream's job
    ]) {
      const res = await call("POST", "/generate/users", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).detail[0].loc[0]).toBe("body");
    }
    expect((await call("POST", "/generate/orders", { count: 1 })).status).toBe(422);
  });

  it("answers 503 naming what landed when Kafka is down, never a silent success", async () => {
    const dead = Kafka.createKafka({
      brokers: ["127.0.0.1:1"],
      retries: 0,
      connectionTimeoutMs: 500,
      logLevel: "nothing",
    });
    const deadApp = createControlApp({
      ...runtime.deps,
      kafka: dead,
      producer: Kafka.createProducer(dead, { retries: 0 }),
    });
    const res = await deadApp.request("/generate/interactions", {
      method: "POST",
      headers: { "x-api-key": KEY, "content-type": "application/json" },
      body: JSON.stringify({ count: 100, stream: true }),
    });
    expect(res.status).toBe(503);
    expect((await res.json()).detail).toMatch(
      /kafka is unavailable .*delivered 0 of 100 interactions/,
    );
    const none = createControlApp({ ...runtime.deps, kafka: undefined, producer: undefined });
    const res2 = await none.request("/generate/users", {
      method: "POST",
      headers: { "x-api-key": KEY, "content-type": "application/json" },
      body: JSON.stringify({ count: 5, stream: true }),
    });
    expect(res2.status).toBe(503);
  });
});

describe("GET /generate/sample/{data_type}", () => {
  it("returns `count` schema-valid records, sent nowhere", async () => {
    const before = await countOn(topics.users?.name as string);
    const res = await call("GET", "/generate/sample/users?count=100");
    const users = await res.json();
    expect(res.status).toBe(200);
    expect(users).toHaveLength(100);
    for (const u of users) ClickstreamUser.parse(u);
    expect((await (await call("GET", "/generate/sample/interactions")).json()).length).toBe(10);
    expect(await countOn(topics.users?.name as string)).toBe(before);
  });

  it("replays with a seed, differs without", async () => {
    const a = await (await call("GET", `/generate/sample/products?count=5&seed=${SEED}`)).json();
    const b = await (await call("GET", `/generate/sample/products?count=5&seed=${SEED}`)).json();
    const c = await (await call("GET", "/generate/sample/products?count=5")).json();
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("bounds count: 0 and 101 are 422", async () => {
    for (const count of [0, 101, "x"]) {
      const res = await call("GET", `/generate/sample/users?count=${count}`);
      expect(res.status, String(count)).toBe(422);
      expect((await res.json()).detail[0].loc).toEqual(["query", "count"]);
    }
  });

  it("is behind the API key", async () => {
    expect((await app.request("/generate/sample/users")).status).toBe(401);
  });
});
