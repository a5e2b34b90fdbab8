// A viral image: many views of one image at once, through two API processes (two runtimes, two
// pools, two view counters) on one database, as two Lambda instances would be. Coalesced or not,
// every view gets its own count, exactly once, and exactly one event.
import { buildRuntime, createApp, type Runtime } from "@gg/api";
import * as Kafka from "@gg/core/kafka";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startTestApi, type TestApi, upload } from "../../support/api";
import { testKafka } from "../../support/fixtures";
import { jpeg } from "../../support/images";

let api: TestApi;
let second: Runtime;
let apps: [TestApi["app"], TestApi["app"]];
beforeAll(async () => {
  api = await startTestApi();
  second = buildRuntime(api.settings, { info: () => {}, error: () => {} });
  apps = [api.app, createApp(second.deps)];
});
afterAll(async () => {
  await second?.close();
  await api?.close();
});

const view = async (
  i: number,
  imageId: string,
  headers: Record<string, string> = {},
): Promise<Response> =>
  postJson(apps[i % 2] as TestApi["app"], `/images/${imageId}/view`, {}, headers);

async function newImage(name: string): Promise<string> {
  const user = await (await postJson(api.app, "/users/", { username: name })).json();
  return (await (await upload(api.app, { user_id: user.id }, { bytes: jpeg() })).json()).id;
}

async function viewEventsOf(imageId: string, atLeast: number) {
  const events = await Kafka.readMessages<{
    image_id: string;
    event_id: string;
    viewed_at: string;
  }>(testKafka(), `${api.topicPrefix}gourmetgram.views`, {
    count: atLeast,
    timeoutMs: 60_000,
    settleMs: 2_000,
  });
  return events.filter((e) => e.value.image_id === imageId);
}

describe("views of one hot image through two API processes", () => {
  it("500 concurrent views get counts start+1..start+500, once each, and one event each", async () => {
    const imageId = await newImage("viral");
    // A starting count, so the range handed out must continue it.
    for (let i = 0; i < 3; i++) expect((await view(i, imageId)).status).toBe(200);
    const start = 3;

    const sentAt = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        // Half name their viewer, on both processes.
        i % 4 < 2
          ? view(i, imageId)
          : postJson(apps[i % 2] as TestApi["app"], `/images/${imageId}/view`, {
              user_id: "00000000-0000-4000-8000-00000000000a",
            }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(500).fill(200));
    const counts = (await Promise.all(responses.map((r) => r.json()))).map((b) => b.views);
    expect([...counts].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 500 }, (_, i) => start + 1 + i),
    );

    const { rows } = await api.db.pool.query("SELECT views FROM images WHERE id = $1", [imageId]);
    expect(rows[0].views).toBe(start + 500);
    const outbox = await api.db.pool.query(
      "SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM outbox WHERE key = $1 AND topic = 'gourmetgram.views'",
      [imageId],
    );
    expect(outbox.rows[0]).toEqual({ n: start + 500, d: start + 500 });
    const events = await viewEventsOf(imageId, start + 500);
    expect(events).toHaveLength(start + 500);
    expect(new Set(events.map((e) => e.value.event_id)).size).toBe(start + 500);
    // They were coalesced: 500 views arriving at once took far fewer writes (transactions, each
    // stamping its outbox rows with its own now()) than views.
    const writes = await api.db.pool.query(
      "SELECT count(DISTINCT created_at)::int AS n FROM outbox WHERE key = $1 AND topic = 'gourmetgram.views'",
      [imageId],
    );
    expect(writes.rows[0].n).toBeLessThan(50);
    // viewed_at is each view's own arrival, in the contract's format, not its write's time.
    for (const e of events.slice(start)) {
      expect(e.value.viewed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
      expect(Date.parse(e.value.viewed_at)).toBeGreaterThanOrEqual(sentAt);
      expect(Date.parse(e.value.viewed_at)).toBeLessThanOrEqual(Date.now());
    }
  });

  it("keyed views coalesced together: one count and one event per key, retries replay it", async () => {
    const imageId = await newImage("viral-keys");
    // 60 keys, each sent twice at once (once to each process), plus 40 views without a key.
    const keyed = Array.from({ length: 120 }, (_, i) =>
      view(i, imageId, { "idempotency-key": `hot-${i >> 1}` }).then(async (r) => ({
        key: `hot-${i >> 1}`,
        status: r.status,
        replayed: r.headers.get("idempotent-replayed") === "true",
        views: (await r.json()).views as number,
      })),
    );
    const bare = Array.from({ length: 40 }, (_, i) =>
      view(i, imageId).then(async (r) => (await r.json()).views as number),
    );
    const [answers, bareAnswers] = await Promise.all([Promise.all(keyed), Promise.all(bare)]);
    expect(answers.every((a) => a.status === 200)).toBe(true);

    const byKey = new Map<string, number[]>();
    for (const a of answers) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a.views]);
    // Both attempts of a key answer the same count; exactly one of them was a replay.
    for (const [key, views] of byKey) expect(new Set(views).size, key).toBe(1);
    expect(answers.filter((a) => a.replayed)).toHaveLength(60);
    const counted = [...[...byKey.values()].map((v) => v[0] ?? 0), ...bareAnswers];
    expect(counted.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    // A later retry replays; the same key for another request is a conflict.
    const retry = await view(1, imageId, { "idempotency-key": "hot-7" });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await retry.json()).views).toBe(byKey.get("hot-7")?.[0]);
    const other = await postJson(
      api.app,
      `/images/${imageId}/view`,
      { user_id: "00000000-0000-4000-8000-00000000000b" },
      { "idempotency-key": "hot-7" },
    );
    expect(other.status).toBe(409);

    const { rows } = await api.db.pool.query("SELECT views FROM images WHERE id = $1", [imageId]);
    expect(rows[0].views).toBe(100);
    const outbox = await api.db.pool.query(
      "SELECT count(*)::int AS n FROM outbox WHERE key = $1 AND topic = 'gourmetgram.views'",
      [imageId],
    );
    expect(outbox.rows[0].n).toBe(100);
  });

  it("an unknown image is a 404 for every view of the batch, and counts nothing", async () => {
    const missing = "00000000-0000-4000-8000-0000000000ff";
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => view(i, missing)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(404));
    const outbox = await api.db.pool.query(
      "SELECT count(*)::int AS n FROM outbox WHERE key = $1 AND topic = 'gourmetgram.views'",
      [missing],
    );
    expect(outbox.rows[0].n).toBe(0);
  });
});
