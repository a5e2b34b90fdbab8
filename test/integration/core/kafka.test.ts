import {
  createKafka,
  createProducer,
  defineTopic,
  endOffsets,
  type Kafka,
  ping,
  readMessages,
  toEventTimestamp,
  ViewEvent,
} from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshTopic, freshTopic, testKafka } from "../../support/fixtures";

const SEED = Number(process.env.TEST_SEED ?? 20261127);

describe(`Kafka against the local broker (seed ${SEED})`, () => {
  const r = createRandom(SEED, "kafka");
  let kafka: Kafka;
  let topic: FreshTopic;
  beforeAll(async () => {
    kafka = testKafka();
    topic = await freshTopic(kafka, "test.views", 3);
  });
  afterAll(() => topic?.drop());

  const viewsOn = (name: string) =>
    defineTopic({ name, schema: ViewEvent, key: (e) => e.image_id });
  const view = (imageId: string, i: number) => ({
    event_type: "view" as const,
    event_id: r.uuid(),
    image_id: imageId,
    viewed_at: toEventTimestamp(new Date(Date.UTC(2026, 0, 1, 0, 0, i))),
  });

  it("reads from the offsets taken before a write: only what came after, on every partition", async () => {
    const own = await freshTopic(kafka, "test.from", 3);
    const views = viewsOn(own.name);
    expect(await endOffsets(kafka, `${own.name}.absent`)).toBeUndefined();
    const producer = createProducer(kafka);
    try {
      const images = Array.from({ length: 6 }, () => r.uuid());
      await producer.send(
        views,
        images.map((id, i) => view(id, i)),
      );
      const from = await endOffsets(kafka, own.name);
      expect(from?.map((p) => p.partition).sort()).toEqual([0, 1, 2]);
      const later = images.map((id, i) => view(id, 100 + i));
      await producer.send(views, later);
      const got = await readMessages(kafka, views, { count: 6, from, settleMs: 1_000 });
      expect(got.map((m) => m.value.event_id).sort()).toEqual(later.map((v) => v.event_id).sort());
    } finally {
      await producer.disconnect();
      await own.drop();
    }
  });

  it("produces, then reads back keys, JSON values and per-key order, exactly once", async () => {
    const views = viewsOn(topic.name);
    const images = Array.from({ length: 5 }, () => r.uuid());
    const sent = Array.from({ length: 40 }, (_, i) => view(images[r.int(0, 4)] as string, i));
    const producer = createProducer(kafka);
    try {
      await producer.send(views, sent.slice(0, 25));
      await producer.send(views, sent.slice(25));
    } finally {
      await producer.disconnect();
    }
    // settleMs: wait on after the 40th so a duplicate (41st) would show up.
    const got = await readMessages(kafka, views, { count: 40, timeoutMs: 30_000, settleMs: 1_500 });
    expect(got).toHaveLength(40);
    const byId = new Map(got.map((m) => [m.value.event_id, m]));
    for (const s of sent) {
      const m = byId.get(s.event_id);
      expect(m?.value).toEqual(s);
      expect(m?.key).toBe(s.image_id);
    }
    for (const image of images) {
      const mine = got.filter((m) => m.key === image);
      // One key, one partition, and offsets in the order we sent.
      expect(new Set(mine.map((m) => m.partition)).size).toBeLessThanOrEqual(1);
      const order = mine.sort((a, b) => Number(a.offset) - Number(b.offset));
      expect(order.map((m) => m.value.event_id)).toEqual(
        sent.filter((s) => s.image_id === image).map((s) => s.event_id),
      );
    }
    // Idempotent: the broker assigned a producer id (a plain producer writes -1).
    const ids = new Set(got.map((m) => m.producerId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^\d+$/);
  });

  it("control: a non-idempotent producer's batches carry producer id -1", async () => {
    const t = await freshTopic(kafka, "test.plain", 1);
    try {
      const producer = createProducer(kafka, { idempotent: false });
      await producer.send(viewsOn(t.name), [view(r.uuid(), 1)]);
      await producer.disconnect();
      const [m] = await readMessages(kafka, t.name, { count: 1, timeoutMs: 30_000 });
      expect(m?.producerId).toBe("-1");
    } finally {
      await t.drop();
    }
  });

  it("rejects a bad value before sending anything, and raw non-JSON values", async () => {
    const t = await freshTopic(kafka, "test.reject", 1);
    const views = viewsOn(t.name);
    const producer = createProducer(kafka);
    try {
      const good = view(r.uuid(), 1);
      const bad = { ...view(r.uuid(), 2), viewed_at: "2026-01-01T00:00:02Z" };
      await expect(producer.send(views, [good, bad])).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await expect(producer.sendRaw(t, [{ key: "k", value: "not json" }])).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await expect(
        producer.sendRaw(t, [{ key: "k", value: null as unknown as string }]),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
      // A marker after the refusals: it must be the first and only message in the topic.
      const marker = view(r.uuid(), 3);
      await producer.sendRaw(t, [{ key: marker.image_id, value: JSON.stringify(marker) }]);
      const got = await readMessages(kafka, views, {
        count: 1,
        timeoutMs: 30_000,
        settleMs: 1_000,
      });
      expect(got.map((m) => m.value)).toEqual([marker]);
    } finally {
      await producer.disconnect();
      await t.drop();
    }
  });

  it("pings the broker, and calls a dead one UNAVAILABLE (ping and send) within bounds", async () => {
    await ping(kafka, 5_000);
    const dead = createKafka({
      brokers: ["127.0.0.1:1"],
      logLevel: "nothing",
      connectionTimeoutMs: 500,
      retries: 1,
    });
    const started = Date.now();
    await expect(ping(dead, 1_000)).rejects.toMatchObject({
      code: "UNAVAILABLE",
      retriable: true,
      dependency: "kafka",
    });
    const producer = createProducer(dead, { retries: 1 });
    await expect(producer.send(viewsOn("test.dead"), [view(r.uuid(), 1)])).rejects.toMatchObject({
      code: "UNAVAILABLE",
      dependency: "kafka",
    });
    expect(Date.now() - started).toBeLessThan(6_000);
    await producer.disconnect();
  });
});
