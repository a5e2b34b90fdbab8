// x-gg-event-time: the write is filed under that time in the planning logs (migration 0006), the
// contract's own created_at stays the commit's; a malformed value is a 422, not a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startTestApi, type TestApi } from "../../support/api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe("x-gg-event-time", () => {
  it("stamps the planning log with the given time, and leaves created_at alone", async () => {
    const at = "2026-11-20T10:00:30.250Z";
    const res = await postJson(
      api.app,
      "/users/",
      { username: "event_time_user", tos_version_accepted: 1 },
      { "x-gg-event-time": at, "idempotency-key": "event-time-1" },
    );
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const { rows } = await api.db.pool.query<{ at: Date; created_at: Date }>(
      `SELECT p.at, u.created_at FROM planning_users p JOIN users u ON u.id = p.user_id
        WHERE p.user_id = $1`,
      [id],
    );
    expect(rows[0]?.at.toISOString()).toBe(at);
    expect(Math.abs((rows[0]?.created_at.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it("without the header, a write is filed under its own time", async () => {
    const res = await postJson(api.app, "/users/", {
      username: "plain_user",
      tos_version_accepted: 1,
    });
    const { id } = (await res.json()) as { id: string };
    const { rows } = await api.db.pool.query<{ at: Date }>(
      "SELECT at FROM planning_users WHERE user_id = $1",
      [id],
    );
    expect(Math.abs((rows[0]?.at.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it("refuses a malformed time with a 422 naming the header", async () => {
    const res = await postJson(
      api.app,
      "/users/",
      { username: "bad_time_user", tos_version_accepted: 1 },
      { "x-gg-event-time": "yesterday" },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: { loc: string[] }[] };
    expect(body.detail[0]?.loc).toEqual(["header", "x-gg-event-time"]);
  });
});
