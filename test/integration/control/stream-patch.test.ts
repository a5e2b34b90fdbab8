// PATCH /stream/{id} on the real database and LocalStack: validated as a start is (located 422s,
// the ceiling as a 409 with the changed stream at its new rate), 404/409/401, and versioned: each
// minute plans with (and records) the configuration in force for it, so a backfilled minute from
// before a change fires what was in force then. The minutes run on a stub scenario in backfill
// mode (no API, no waiting): what is under test is which configuration each minute gets.
import { runTick } from "@gg/traffic/generator";
import type { Scenario } from "@gg/traffic/minute";
import { firstUnpreparedMinute } from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { API_KEY, json, startTestControl, type TestControl } from "./stream-fixture";

let t: TestControl;
beforeAll(async () => {
  t = await startTestControl();
});
afterAll(() => t?.close());

const start = async (body: unknown) => json(await t.call("POST", "/stream/start", body));
const patch = async (id: string, body: unknown, key: string | null = API_KEY) =>
  json(
    await t.app.request(`/stream/${id}`, {
      method: "PATCH",
      headers: { ...(key ? { "x-api-key": key } : {}), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
const stats = async (id: string) =>
  (await json(await t.call("GET", `/stream/stats?stream_id=${id}`))).body.streams[0];

describe("PATCH /stream/{id}", () => {
  it("refuses bad changes with a located 422, never a 500", async () => {
    const { body } = await start({ rate: "60/min", seed: "bad-input" });
    const id = body.stream_id;
    const cases: [unknown, (string | number)[]][] = [
      // Unknown keys are located at the body, as /stream/start locates them, and named.
      [{ seed: "other" }, ["body"]],
      [{ scenario: "clickstream" }, ["body"]],
      [{ rate: -5 }, ["body", "rate"]],
      [{ rate: "fast" }, ["body", "rate"]],
      [{ rate: "1000000/s" }, ["body", "rate"]],
      [{ profile: { dayly: true } }, ["body", "profile", "dayly"]],
      [{ profile: { replay: { counts: [] } } }, ["body", "profile", "replay", "counts"]],
      [{ profile: { replay: { counts: [1], speed: 2 } } }, ["body", "profile", "replay"]],
      [
        { profile: { replay: { counts: [1], exact: "yes" } } },
        ["body", "profile", "replay", "exact"],
      ],
      [{ profile: { replay: { counts: [10, 200_000] } } }, ["body", "profile", "replay"]],
      [{ profile: { replay: { counts: [10] }, daily: true } }, ["body", "profile", "daily"]],
      [{ mix: "view=-1" }, ["body", "mix"]],
      [{ settings: { nope: 1 } }, ["body", "settings"]],
      [{ max_count: 0 }, ["body", "max_count"]],
      [{ ends_at: "2000-01-01T00:00:00Z" }, ["body", "ends_at"]],
      [{ ends_at: "10000-01-01T00:00:00Z" }, ["body", "ends_at"]],
      [{ ends_at: "2999-01-01T00:00:00Z", duration: 60 }, ["body", "ends_at"]],
      [{}, ["body"]],
    ];
    for (const [change, loc] of cases) {
      const res = await patch(id, change);
      expect({ change, status: res.status }).toEqual({ change, status: 422 });
      expect(res.body.detail[0].loc.slice(0, loc.length)).toEqual(loc);
      if (loc.length === 1 && Object.keys(change as object).length > 0) {
        expect(res.body.detail[0].msg).toContain(Object.keys(change as object)[0]);
      }
    }
    expect((await stats(id)).config_version).toBe(1);
    await t.call("POST", `/stream/stop/${id}`);
  });

  it("answers 404 for an unknown stream, 409 for a stopped one, 401 without the key", async () => {
    expect((await patch("00000000-0000-4000-8000-00000000dead", { rate: 1 })).status).toBe(404);
    // The fixed paths beside it are not stream ids: no PATCH route serves them.
    for (const path of ["start", "status", "sync", "stats", "plan"]) {
      expect((await patch(path, { rate: 1 })).status).not.toBe(422);
    }
    expect((await patch("not-a-uuid", { rate: 1 })).status).not.toBe(200);
    const { body } = await start({ rate: "60/h" });
    expect((await patch(body.stream_id, { rate: 1 }, null)).status).toBe(401);
    await t.call("POST", `/stream/stop/${body.stream_id}`);
    const stopped = await patch(body.stream_id, { rate: 1 });
    expect(stopped.status).toBe(409);
    expect(stopped.body.detail).toMatch(/is stopped: only a running stream can be changed/);
  });

  it("refuses a change that takes the running streams past the ceiling (409), counting it once", async () => {
    const a = (await start({ rate: "1000/s", seed: "a" })).body.stream_id;
    const b = (await start({ rate: "900/s", seed: "b" })).body.stream_id;
    // 1,000 + 1,200 > the 2,000/s ceiling; 1,000 + 1,000 is not (b's old 900 is not counted).
    const over = await patch(b, { rate: "1200/s" });
    expect(over.status).toBe(409);
    expect(over.body.detail).toMatch(/rate too high/);
    expect((await patch(b, { rate: "1000/s" })).status).toBe(200);
    // A replay counts at its peak minute: 72,000 a minute is 1,200/s beside a's 1,000/s.
    const replay = await patch(b, { profile: { replay: { counts: [60, 72_000, 60] } } });
    expect(replay.status).toBe(409);
    expect(replay.body.detail).toMatch(/rate too high/);
    await t.call("POST", `/stream/stop/${a}`);
    await t.call("POST", `/stream/stop/${b}`);
  });
});

describe("a changed stream's minutes", () => {
  it("plan with the version in force for each, and record it; stats say which", async () => {
    const { body } = await start({ rate: "60/min", seed: "versions", max_count: 10_000 });
    const id = body.stream_id;
    const before = new Date();
    const changed = await patch(id, { rate: "120/min", mix: "uniform", max_count: null });
    const after = new Date();
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: "changed", version: 2 });
    expect(changed.body.stream).toMatchObject({ version: 2, max_count: null });
    expect(changed.body.stream.config).toMatchObject({ rate: "120/min", mix: "uniform" });
    const effective = Date.parse(changed.body.effective_minute);
    expect([
      firstUnpreparedMinute(before, null).getTime(),
      firstUnpreparedMinute(after, null).getTime(),
    ]).toContain(effective);
    // A third change before the second took effect: the latest wins from the same minute.
    const third = await patch(id, { mix: "view=1" });
    expect(third.body).toMatchObject({
      version: 3,
      effective_minute: changed.body.effective_minute,
    });

    const seen: { minute: string; config: Record<string, unknown> }[] = [];
    const scenario: Scenario<Record<string, unknown>> = {
      name: "gourmetgram",
      kinds: ["view"],
      config: z.record(z.string(), z.unknown()),
      prepare: async ({ config, minute }) => {
        seen.push({ minute: minute.toISOString(), config });
        return { expected: 0, fire: async () => {} };
      },
    };
    const tick = (ms: number) =>
      runTick({
        db: t.db.pool,
        scenarios: { gourmetgram: scenario },
        minute: new Date(ms),
        timing: { mode: "backfill" },
        streamIds: [id],
        log: () => {},
      });
    // A minute long before the change (a backfill), then the change's first minute.
    await tick(effective - 60 * 60_000);
    await tick(effective);
    expect(seen.map((s) => s.config.rate)).toEqual(["60/min", "120/min"]);
    expect(seen.map((s) => s.config.mix)).toEqual([undefined, "view=1"]);
    const { rows } = await t.db.pool.query(
      `SELECT config_version, config_changed_at IS NOT NULL AS changed FROM traffic_minutes
        WHERE stream_id = $1 ORDER BY minute`,
      [id],
    );
    expect(rows).toEqual([
      { config_version: 1, changed: false },
      { config_version: 3, changed: true },
    ]);
    expect(await stats(id)).toMatchObject({ config_version: 3, last_minute_config_version: 3 });
    // Minutes already claimed are never changed: a change now takes effect after the last one.
    const later = await patch(id, { rate: "30/min" });
    expect(Date.parse(later.body.effective_minute)).toBeGreaterThan(effective);
  });
});
