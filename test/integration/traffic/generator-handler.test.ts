// One scheduled invocation of functions/generator.ts against the real local stack writes exactly
// the planned rows and Kafka events; invoking the same minute again adds nothing, and neither does
// re-firing it with its claim removed (the idempotency keys alone then keep it from writing twice).
import type { AddressInfo } from "node:net";
import * as Kafka from "@gg/core/kafka";
import type { TickResult } from "@gg/traffic/generator";
import { bootstrap, httpTarget, loadPlanningState, plannerConfigOf } from "@gg/traffic/gourmetgram";
import { bundledFood11Root, food11Index } from "@gg/traffic/gourmetgram/images";
import { type PlanSummary, planMinute, summarisePlan } from "@gg/traffic/gourmetgram/plan";
import type { MinuteRecord } from "@gg/traffic/minute";
import * as Streams from "@gg/traffic/streams";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../support/api";
import { testKafka } from "../../support/fixtures";
import { lambdaContext, scheduledEvent } from "../../support/lambda";

const SEED = Number(process.env.TEST_SEED ?? 20261123);
const RATE = "4/s"; // ~240 events in the minute
const SCALE = 20; // the minute plays in 3 s
const TOPICS = {
  upload: Kafka.Uploads,
  view: Kafka.Views,
  comment: Kafka.Comments,
  flag: Kafka.Flags,
};

type Handler = (event: unknown, context: unknown) => Promise<TickResult[]>;

let api: TestApi;
let server: ReturnType<typeof serve>;
let handler: Handler;
const kafka = testKafka();
const admin = kafka.admin();
const savedEnv = { ...process.env };

beforeAll(async () => {
  api = await startTestApi();
  server = serve({ fetch: api.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await admin.connect();
  await Kafka.ensureTopics(
    kafka,
    Object.values(TOPICS).map((t) => api.topicPrefix + t.name),
  );
  // functions/config.ts reads these when not deployed by SST.
  Object.assign(process.env, {
    DATABASE_URL: api.db.url,
    GENERATOR_API_URL: url,
    GENERATOR_TIME_SCALE: String(SCALE),
    GENERATOR_DATASET_PATH: "",
  });
  ({ handler } = (await import("../../../functions/generator")) as unknown as { handler: Handler });
  // Users and images to act on, through the API like the original's initial users/images.
  await bootstrap({
    db: api.db.pool,
    target: httpTarget(url),
    dataset: await food11Index(bundledFood11Root()),
    seed: SEED,
    // At least the tick's smallest world: it creates no actors, so the plan below is the minute's.
    users: 12,
    images: 10,
    testAccountRate: 0.02,
  });
});

afterAll(async () => {
  process.env = savedEnv;
  server?.close();
  await admin.disconnect().catch(() => {});
  await api?.close();
});

/** Rows by kind (views: the counters' sum) and Kafka messages by topic. */
async function snapshot() {
  const q = async (sql: string) => (await api.db.pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  const offsets = async (name: string) =>
    (await admin.fetchTopicOffsets(api.topicPrefix + name)).reduce((s, p) => s + Number(p.high), 0);
  return {
    rows: {
      user: await q("SELECT count(*)::int AS n FROM users"),
      upload: await q("SELECT count(*)::int AS n FROM images"),
      view: await q("SELECT coalesce(sum(views), 0)::int AS n FROM images"),
      comment: await q("SELECT count(*)::int AS n FROM comments"),
      flag: await q("SELECT count(*)::int AS n FROM flags"),
    },
    kafka: {
      upload: await offsets(TOPICS.upload.name),
      view: await offsets(TOPICS.view.name),
      comment: await offsets(TOPICS.comment.name),
      flag: await offsets(TOPICS.flag.name),
    },
  };
}

/** The next minute boundary: rows seeded so far are before it, the run's rows after it. */
async function nextMinute(): Promise<Date> {
  const at = Math.ceil((Date.now() + 50) / 60_000) * 60_000;
  await new Promise((r) => setTimeout(r, at - Date.now() + 20));
  return new Date(at);
}

/** The schedule's delivery for `minute`: scheduled in the minute before (the one rule). */
const deliveryFor = (minute: Date) => scheduledEvent(new Date(minute.getTime() - 60_000));

function only(results: TickResult[]): MinuteRecord {
  expect(results).toHaveLength(1);
  const result = results[0]!;
  expect(result.streams).toHaveLength(1);
  const outcome = result.streams[0]!;
  if ("error" in outcome) throw new Error(`stream failed: ${outcome.error}`);
  return outcome.record;
}

describe(`scheduled generator (seed ${SEED})`, () => {
  let stream: Streams.Stream;
  let minute: Date;
  let planned: PlanSummary["planned"];
  let before: Awaited<ReturnType<typeof snapshot>>;
  let after: Awaited<ReturnType<typeof snapshot>>;

  it("writes exactly the planned rows and Kafka events for one minute", async () => {
    stream = await Streams.create(
      api.db.pool,
      Streams.StartStream.parse({ rate: RATE, seed: SEED }),
    );
    minute = await nextMinute();
    // The plan, computed independently from the same state, is what the writes must equal.
    const config = plannerConfigOf(stream.config, { testAccountRate: 0.02 });
    const expected = summarisePlan(
      planMinute({
        seed: SEED,
        minute,
        config,
        state: await loadPlanningState(api.db.pool, { seed: SEED, minute, config }),
        dataset: await food11Index(bundledFood11Root()),
      }),
    );
    planned = expected.planned;
    before = await snapshot();
    const record = only(await handler(deliveryFor(minute), lambdaContext("gg-generator", 90_000)));
    await api.runtime.deps.relay.drain();
    after = await snapshot();
    // The delivery named its schedule time a minute before: its delay is counted, not hidden.
    expect(record.triggerDelayMs).toBeGreaterThan(60_000);
    expect(record.actorsCreated).toBe(0);

    expect(record.status).toBe("ran");
    expect(record.errors).toEqual([]);
    for (const kind of ["user", "upload", "view", "comment", "flag"] as const) {
      expect(record.byKind[kind]?.planned, kind).toBe(planned[kind]);
      expect(record.byKind[kind]?.succeeded, kind).toBe(planned[kind]);
      expect(after.rows[kind] - before.rows[kind], `${kind} rows`).toBe(planned[kind]);
    }
    for (const kind of ["upload", "view", "comment", "flag"] as const) {
      expect(after.kafka[kind] - before.kafka[kind], `${kind} events`).toBe(planned[kind]);
    }
    expect(record.planned).toBeGreaterThan(150);
    expect(record.failed + record.retried).toBe(0);

    // Read the topics back: every message is the right event_type and nothing extra arrived.
    for (const [kind, topic] of Object.entries(TOPICS)) {
      const all = await Kafka.readMessages(kafka, api.topicPrefix + topic.name, {
        count: after.kafka[kind as keyof typeof TOPICS],
        settleMs: 500,
      });
      expect(all.length).toBe(after.kafka[kind as keyof typeof TOPICS]);
      expect(all.every((m) => (m.value as { event_type: string }).event_type === kind)).toBe(true);
    }

    // The minute's record is in traffic_minutes too.
    const [stats] = await Streams.stats(api.db.pool, stream.stream_id);
    expect(stats).toMatchObject({
      minutes: 1,
      planned: record.planned,
      sent: record.planned,
      failed: 0,
    });
  });

  it("invoking the same minute again adds nothing", async () => {
    const record = only(await handler(deliveryFor(minute), lambdaContext("gg-generator", 90_000)));
    await api.runtime.deps.relay.drain();
    expect(record.status).toBe("already-ran");
    expect(await snapshot()).toEqual(after);
  });

  it("re-firing the minute without its claim still writes nothing (idempotency keys)", async () => {
    await api.db.pool.query("DELETE FROM traffic_minutes WHERE stream_id = $1", [stream.stream_id]);
    // SST Cron's {} would mean "the minute after now"; the time field pins the same minute.
    const record = only(
      await handler(
        { time: new Date(minute.getTime() - 60_000).toISOString() },
        lambdaContext("gg-generator", 90_000),
      ),
    );
    await api.runtime.deps.relay.drain();
    expect(record.status).toBe("ran");
    expect(record.sent).toBe(record.planned);
    // The plan read the state as of the minute, so every request is byte-identical to the first
    // run's and replays (200): no key comes back 409 for a different body.
    const why = JSON.stringify({ errors: record.errors, byKind: record.byKind });
    expect(record, why).toMatchObject({ succeeded: record.planned, duplicate: 0, failed: 0 });
    expect(await snapshot()).toEqual(after);
  });
});
