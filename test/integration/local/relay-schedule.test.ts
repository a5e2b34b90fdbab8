// `pnpm start` runs the outbox relay on its schedule, as deployed: after a Kafka outage the
// backlog drains with no new request, and /health is degraded while the oldest pending event is
// older than the relay's period. Stops and restarts a broker of its own (as kafka-outage does);
// the relay period is shortened to 10 s so the test waits seconds, not minutes.
import { readMessages } from "@gg/core/kafka";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FreshBucket,
  type FreshDatabase,
  freshBucket,
  freshDatabase,
  suffix,
  testKafka,
} from "../../support/fixtures";
import { jpeg } from "../../support/images";
import { type LocalStart, startLocal } from "../../support/local-start";
import { type PrivateKafka, privateKafka } from "../../support/private-kafka";
import { stack } from "../../support/stack";

const PERIOD_S = 10;
const prefix = `t${suffix(4)}.`;
let db: FreshDatabase;
let bucket: FreshBucket;
let local: LocalStart;
let broker: PrivateKafka;

beforeAll(async () => {
  db = await freshDatabase();
  bucket = await freshBucket();
  broker = await privateKafka();
  local = await startLocal({
    DATABASE_URL: db.url,
    KAFKA_BROKERS: broker.brokers.join(","),
    AWS_ENDPOINT_URL: stack.awsEndpoint,
    S3_BUCKET: bucket.bucket,
    KAFKA_TOPIC_PREFIX: prefix,
    GENERATOR_ENABLED: "0",
    GG_TRAFFIC_SCHEDULE: "off",
    OUTBOX_RELAY_PERIOD_SECONDS: String(PERIOD_S),
  });
  await local.ready();
});

afterAll(async () => {
  await local?.stop();
  await broker?.close();
  await bucket?.drop().catch(() => {});
  await db?.drop();
});

const health = async () => (await fetch(`${local.url}/health`)).json();
const pending = async () =>
  (
    await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL",
    )
  ).rows[0]?.n ?? -1;
const until = async (done: () => Promise<boolean>, timeoutMs: number) => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not within ${timeoutMs} ms; pnpm start said:\n${local.output().slice(-2000)}`);
};
const post = (path: string, body: unknown) =>
  fetch(`${local.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const view = (imageId: string) => fetch(`${local.url}/images/${imageId}/view`, { method: "POST" });

describe("pnpm start's relay schedule", () => {
  it("drains a Kafka outage's backlog with no new request; /health degraded meanwhile", async () => {
    const user = await (await post("/users/", { username: `relay_${suffix(3)}` })).json();
    const form = new FormData();
    form.set("user_id", user.id);
    form.set("file", new File([jpeg()], "photo.jpg"));
    const image = await (
      await fetch(`${local.url}/upload/`, { method: "POST", body: form })
    ).json();
    expect(image.id).toBeDefined();
    expect((await view(image.id)).status).toBe(200);
    // The server flushes in the background after each write (a long-lived process can).
    await until(async () => (await pending()) === 0, 15_000);
    expect((await health()).status).toBe("healthy");

    await broker.down();
    for (let i = 0; i < 5; i++) expect((await view(image.id)).status).toBe(200);
    expect(await pending()).toBe(5);
    // Degraded: the broker is down, and once the backlog is older than the relay's period.
    let during = await health();
    while (during.kafka_stats.outbox_oldest_age_seconds <= PERIOD_S) {
      await new Promise((r) => setTimeout(r, 1_000));
      during = await health();
    }
    expect(during).toMatchObject({
      status: "degraded",
      kafka_stats: { outbox_pending: 5, connected: false },
    });

    await broker.up();
    // No request from here on but reads: only the schedule can publish the backlog.
    const upAt = Date.now();
    while ((await pending()) > 0 && Date.now() - upAt < 60_000) {
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(await pending(), local.output().slice(-2000)).toBe(0);
    console.log(`backlog drained ${((Date.now() - upAt) / 1000).toFixed(1)} s after Kafka was up`);
    // /health answers from its probes' last run for up to 6 s (2 s fresh, then stale while a new
    // run starts beside the caller): the outage's last answer can outlive a fast restart (once,
    // "drained 0.0 s after Kafka was up", the next answer still said Kafka was down).
    await until(async () => (await health()).status === "healthy", 15_000);

    const events = await readMessages(testKafka(broker.brokers), `${prefix}gourmetgram.views`, {
      count: 6,
      timeoutMs: 30_000,
      settleMs: 1_000,
    });
    const { rows } = await db.pool.query<{ event_id: string }>(
      "SELECT event_id FROM outbox WHERE topic = 'gourmetgram.views' ORDER BY id",
    );
    expect(events.map((e) => (e.value as { event_id: string }).event_id)).toEqual(
      rows.map((r) => r.event_id),
    );
  });

  it("/health is degraded by an old backlog alone, with every dependency reachable", async () => {
    // An event committed two periods ago and never published: the relay is not getting it out.
    await db.pool.query(
      `INSERT INTO outbox (event_id, topic, key, value, created_at)
       SELECT gen_random_uuid(), 'gg-test-never', 'k', '{}', now() - make_interval(secs => $1)`,
      [PERIOD_S * 2],
    );
    const body = await health();
    expect(Object.values(body.dependencies).every((d) => (d as { ok: boolean }).ok)).toBe(true);
    expect(body.status).toBe("degraded");
    expect((await fetch(`${local.url}/health/ready`)).status).toBe(200);
    await db.pool.query("DELETE FROM outbox WHERE topic = 'gg-test-never'");
  });
});
