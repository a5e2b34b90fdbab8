// Retries and races: concurrent creates of one username, and repeated Idempotency-Keys, write
// one row and one event.
import * as Kafka from "@gg/core/kafka";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startTestApi, type TestApi, upload } from "../../support/api";
import { testKafka } from "../../support/fixtures";
import { jpeg } from "../../support/images";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await api.db.pool.query(sql, params)).rows[0].n as number;

describe("idempotency and concurrency", () => {
  it("20 concurrent creates of one username all answer 200 with the same row", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson(api.app, "/users/", { username: "racer" })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM users WHERE username = 'racer'")).toBe(1);
  });

  it("a repeated Idempotency-Key replays the first response and writes one row and one event", async () => {
    const user = await (await postJson(api.app, "/users/", { username: "idem" })).json();
    const image = await (
      await upload(api.app, { user_id: user.id }, { bytes: jpeg() }, { "idempotency-key": "up-1" })
    ).json();
    const replayedUpload = await upload(
      api.app,
      { user_id: user.id },
      { bytes: jpeg() },
      { "idempotency-key": "up-1" },
    );
    expect(replayedUpload.headers.get("idempotent-replayed")).toBe("true");
    expect(await replayedUpload.json()).toEqual(image);
    expect(await count("SELECT count(*)::int AS n FROM images")).toBe(1);

    const body = { image_id: image.id, user_id: user.id, content: "Wow, once." };
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        postJson(api.app, "/comments/", body, { "idempotency-key": "c-1" }),
      ),
    );
    const answers = await Promise.all(attempts.map((r) => r.json()));
    expect(attempts.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM comments")).toBe(1);

    const views = await Promise.all(
      Array.from({ length: 3 }, () =>
        api.app.request(`/images/${image.id}/view`, {
          method: "POST",
          headers: { "idempotency-key": "v-1" },
        }),
      ),
    );
    expect((await Promise.all(views.map((v) => v.json()))).map((v) => v.views)).toEqual([1, 1, 1]);

    const reuse = await postJson(
      api.app,
      "/comments/",
      { ...body, content: "different" },
      { "idempotency-key": "c-1" },
    );
    expect(reuse.status).toBe(409);

    const kafka = testKafka();
    for (const [topic, n] of [
      ["gourmetgram.comments", 1],
      ["gourmetgram.views", 1],
      ["gourmetgram.uploads", 1],
    ] as const) {
      const events = await Kafka.readMessages(kafka, api.topicPrefix + topic, {
        count: n,
        timeoutMs: 20_000,
        settleMs: 1_500,
      });
      expect(events, topic).toHaveLength(n);
    }
    expect(await count("SELECT count(*)::int AS n FROM outbox")).toBe(3);
  });

  it("rejects uploads over the size limit with 413 and stores nothing", async () => {
    const small = await startTestApi({ uploadMaxBytes: 1_000 });
    try {
      const user = await (await postJson(small.app, "/users/", { username: "big" })).json();
      const res = await upload(small.app, { user_id: user.id }, { bytes: jpeg() });
      expect(jpeg().length).toBeGreaterThan(1_000);
      expect(res.status).toBe(413);
      expect((await res.json()).detail).toMatch(/limit|larger/);
      expect((await small.db.pool.query("SELECT count(*)::int AS n FROM images")).rows[0].n).toBe(
        0,
      );
    } finally {
      await small.close();
    }
  });

  it("requires the API key for writes when one is configured", async () => {
    const keyed = await startTestApi({ apiKey: "s3cret" });
    try {
      expect((await postJson(keyed.app, "/users/", { username: "k" })).status).toBe(401);
      expect(
        (await postJson(keyed.app, "/users/", { username: "k" }, { "x-api-key": "s3cret" })).status,
      ).toBe(200);
      expect((await keyed.app.request("/health")).status).toBe(200);
    } finally {
      await keyed.close();
    }
  });
});
