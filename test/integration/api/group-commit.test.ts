// Group commit on the real Postgres: requests of a kind that arrive together share one statement,
// and each keeps its own row, id, event, answer, error, created_at (its own arrival, from a
// pinned clock that moves 1 ms per request) and planned time in the planning logs.
import { createApp, createWrites } from "@gg/api";
import type { Queryable } from "@gg/core/sql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startTestApi, type TestApi, upload } from "../../support/api";
import { jpeg } from "../../support/images";

let api: TestApi;
let app: TestApi["app"];
const statements = { n: 0 };
// Request i arrives at T0 + i ms.
const T0 = Date.parse("2026-11-20T10:00:00.000Z");
let tick = 0;

beforeAll(async () => {
  api = await startTestApi();
  const pool = api.runtime.deps.pool;
  // The writers' own pool handle, counting their statements (the relay uses the plain pool).
  const counted = {
    query: (...args: Parameters<typeof pool.query>) => {
      statements.n++;
      return pool.query(...args);
    },
  } as unknown as Queryable;
  app = createApp({
    ...api.runtime.deps,
    writes: createWrites(counted),
    now: () => new Date(T0 + tick++),
  });
});
afterAll(() => api?.close());

const json = async (r: Response | Promise<Response>) => {
  const res = await r;
  return { status: res.status, body: await res.json() };
};
const iso = (ms: number) => new Date(ms).toISOString();

describe("group commit", () => {
  let userId: string;
  let imageId: string;

  beforeAll(async () => {
    userId = (await json(postJson(app, "/users/", { username: "gc-owner" }))).body.id;
    imageId = (await json(upload(app, { user_id: userId }, { bytes: jpeg() }))).body.id;
  });

  it("writes a comment in one statement, commit included", async () => {
    const before = statements.n;
    const res = await json(
      postJson(app, "/comments/", { image_id: imageId, user_id: userId, content: "one" }),
    );
    expect(res.status).toBe(200);
    expect(statements.n - before).toBe(1);
  });

  it("shares one statement among 20 comments; a missing image fails its comment alone (404)", async () => {
    const missing = "00000000-0000-4000-8000-00000000dead";
    const before = statements.n;
    const firstTick = tick;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        json(
          postJson(app, "/comments/", {
            image_id: i === 7 ? missing : imageId,
            user_id: userId,
            content: `comment ${i}`,
          }),
        ),
      ),
    );
    expect(statements.n - before).toBe(1);
    expect(answers.map((a) => a.status)).toEqual(
      Array.from({ length: 20 }, (_, i) => (i === 7 ? 404 : 200)),
    );
    expect(answers[7]?.body).toEqual({ detail: "Image not found" });

    // Each its own created_at: the arrival the clock gave it, not the shared commit's time.
    const ok = answers.filter((a) => a.status === 200).map((a) => a.body);
    const created = ok.map((c) => Date.parse(c.created_at)).sort((a, b) => a - b);
    expect(new Set(created).size).toBe(19);
    expect(created[0]).toBeGreaterThanOrEqual(T0 + firstTick);
    expect(created.at(-1)).toBeLessThan(T0 + tick);
    // Row, answer and event agree, one event each.
    const { rows } = await api.db.pool.query(
      `SELECT c.id::text, c.content, gg_iso(c.created_at) AS created_at,
              (SELECT count(*)::int FROM outbox o WHERE o.value::jsonb->>'comment_id' = c.id::text
                  AND o.value::jsonb->>'created_at' = gg_iso(c.created_at)) AS events
         FROM comments c WHERE c.id = ANY($1::uuid[])`,
      [ok.map((c) => c.id)],
    );
    expect(rows).toHaveLength(19);
    for (const row of rows) {
      const answer = ok.find((c) => c.id === row.id);
      expect(row).toEqual({
        id: answer.id,
        content: answer.content,
        created_at: answer.created_at,
        events: 1,
      });
    }
  });

  it("files each row of a shared statement under its own x-gg-event-time", async () => {
    const planned = (i: number) => Date.parse("2026-11-19T08:00:00.000Z") + i * 1_001;
    const before = statements.n;
    const users = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        json(
          postJson(
            app,
            "/users/",
            { username: `gc-${i}` },
            { "x-gg-event-time": iso(planned(i)), "idempotency-key": `gc-user-${i}` },
          ),
        ),
      ),
    );
    const views = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        json(
          postJson(
            app,
            `/images/${imageId}/view`,
            {},
            { "x-gg-event-time": iso(planned(100 + i)) },
          ),
        ),
      ),
    );
    expect(statements.n - before).toBe(2);
    const userAt = await api.db.pool.query<{ id: string; at: Date }>(
      "SELECT user_id::text AS id, at FROM planning_users WHERE user_id = ANY($1::uuid[])",
      [users.map((u) => u.body.id)],
    );
    expect(new Map(userAt.rows.map((r) => [r.id, r.at.getTime()]))).toEqual(
      new Map(users.map((u, i) => [u.body.id, planned(i)])),
    );
    // Each idempotency record is dated like its row: its own request's arrival (what the
    // landed-time tests read), not the shared statement's start.
    const keyAt = await api.db.pool.query<{ key: string; at: string }>(
      "SELECT key, gg_iso(created_at) AS at FROM idempotency_keys WHERE key LIKE 'gc-user-%'",
    );
    expect(new Map(keyAt.rows.map((r) => [r.key, r.at]))).toEqual(
      new Map(users.map((u, i) => [`gc-user-${i}`, u.body.created_at])),
    );
    // Views: the g-th view counted is logged at the g-th planned time (counts follow arrival).
    const byCount = views.map((v, i) => [v.body.views as number, planned(100 + i)] as const);
    const viewAt = await api.db.pool.query<{ at: Date }>(
      "SELECT at FROM planning_engagement WHERE image_id = $1 AND kind = 1 ORDER BY at",
      [imageId],
    );
    expect(viewAt.rows.map((r) => r.at.getTime())).toEqual(
      byCount.sort((a, b) => a[0] - b[0]).map(([, at]) => at),
    );
  });

  it("answers 10 concurrent creates of one name with one row, and another name with its own", async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => json(postJson(app, "/users/", { username: "gc-same" }))),
      json(postJson(app, "/users/", { username: "gc-other" })),
    ]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.slice(0, 10).map((a) => a.body.id)).size).toBe(1);
    expect(answers[10]?.body.id).not.toBe(answers[0]?.body.id);
  });
});
