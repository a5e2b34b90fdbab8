// The control API against LocalStack: starting a stream enables the rule and sets its target,
// stopping the last one disables it, and status reports what DescribeRule says, not what the API
// last asked for. Every rule assertion reads the rule through the SDK, never the API's answer.
import { createControlApp } from "@gg/control";
import { KICK_LEAD_MS, KICK_SOURCE } from "@gg/traffic/generator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, json, startTestControl, type TestControl } from "./stream-fixture";

let t: TestControl;
beforeAll(async () => {
  t = await startTestControl();
});
afterAll(() => t?.close());

const start = async (body: unknown) => json(await t.call("POST", "/stream/start", body));
const stop = async (id: string) => json(await t.call("POST", `/stream/stop/${id}`));
const ruleNow = async () => {
  const rule = await t.rules.describe(t.ruleName);
  if (!rule) throw new Error(`rule ${t.ruleName} is gone`);
  return rule;
};

describe("the rule follows the streams", () => {
  it("is created DISABLED with no target when nothing runs", async () => {
    const rule = await ruleNow();
    expect(rule.state).toBe("DISABLED");
    expect(rule.scheduleExpression).toBe("rate(1 minute)");
    expect(rule.targets).toEqual([]);
  });

  it("start enables the rule and points it at the target; stop of the last disables it", async () => {
    const a = await start({ rate: "150/h", seed: 1 });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: "started", running_streams: 1 });
    expect(a.body.stream).toMatchObject({ stream_id: a.body.stream_id, status: "running" });
    let rule = await ruleNow();
    expect(rule.state).toBe("ENABLED");
    expect(rule.targets).toEqual([{ id: "ticks", arn: t.queue.arn, input: undefined }]);

    const b = await start({ rate: 2, seed: "two", duration: 3600 });
    expect(b.body.running_streams).toBe(2);
    expect((await stop(a.body.stream_id)).body).toMatchObject({
      status: "stopped",
      stopped_now: true,
      running_streams: 1,
      rule: { state: "ENABLED" },
    });
    expect((await ruleNow()).state).toBe("ENABLED");

    const last = await stop(b.body.stream_id);
    expect(last.body).toMatchObject({ running_streams: 0, rule: { state: "DISABLED" } });
    rule = await ruleNow();
    expect(rule.state).toBe("DISABLED");
    // Disabling leaves the target, so the next start only has to enable.
    expect(rule.targets.map((x) => x.id)).toEqual(["ticks"]);
  });

  it("stop is idempotent and answers the final measured stats", async () => {
    const { body } = await start({ rate: "60/min", max_count: 500 });
    await t.db.pool.query(
      `INSERT INTO traffic_minutes (stream_id, minute, planned, sent, succeeded, failed, retried, lateness_p99_ms, lead_ms)
       VALUES ($1, '2026-01-01T10:00Z', 61, 60, 58, 2, 3, 41.5, -1200), ($1, '2026-01-01T10:01Z', 59, 59, 59, 0, 0, 12, 20000)`,
      [body.stream_id],
    );
    const first = await stop(body.stream_id);
    expect(first.body.stats).toMatchObject({
      minutes: 2,
      planned: 120,
      sent: 119,
      succeeded: 117,
      failed: 2,
      retried: 3,
      lateness_p99_ms_max: 41.5,
      late_minutes: 1,
      last_minute: "2026-01-01T10:01:00.000000+00:00",
    });
    expect(first.body.stats.rate_per_second).toBeCloseTo(119 / 120, 6);
    const again = await stop(body.stream_id);
    expect(again.body).toMatchObject({ status: "stopped", stopped_now: false });
    expect(again.body.stream.stopped_at).toBe(first.body.stream.stopped_at);
  });
});

describe("status and stats", () => {
  it("status reports the rule's real state, also when changed behind the API's back", async () => {
    const { body } = await start({ rate: "150/h" });
    let status = (await json(await t.call("GET", "/stream/status"))).body;
    expect(status).toMatchObject({ running_streams: 1, rule_in_sync: true });
    expect(status.rule).toMatchObject({ name: t.ruleName, state: "ENABLED" });
    expect(status.rule.targets).toEqual([{ id: "ticks", arn: t.queue.arn }]);

    await t.rules.disable(t.ruleName);
    status = (await json(await t.call("GET", "/stream/status"))).body;
    expect(status).toMatchObject({ rule: { state: "DISABLED" }, rule_in_sync: false });

    // The next change re-syncs from the streams: one still runs, so the rule comes back on.
    const other = await start({ rate: "1/s" });
    expect((await ruleNow()).state).toBe("ENABLED");
    await stop(other.body.stream_id);
    await stop(body.stream_id);
    status = (await json(await t.call("GET", "/stream/status"))).body;
    expect(status).toMatchObject({ running_streams: 0, rule: { state: "DISABLED" } });
    expect(status.rule_in_sync).toBe(true);
    expect(status.streams.length).toBeGreaterThanOrEqual(5);
  });

  it("stats are measured sums per stream, not the configured rate", async () => {
    const { body } = await start({ rate: 1000 });
    const none = (await json(await t.call("GET", `/stream/stats?stream_id=${body.stream_id}`)))
      .body;
    expect(none.streams).toEqual([
      expect.objectContaining({ stream_id: body.stream_id, minutes: 0, sent: 0 }),
    ]);
    expect(none.streams[0].rate_per_second).toBe(0);
    const all = (await json(await t.call("GET", "/stream/stats"))).body;
    expect(all.streams.length).toBeGreaterThanOrEqual(6);
    await stop(body.stream_id);
  });
});

describe("validation, errors and the key", () => {
  it.each([
    [{ rate: "fast" }, ["body", "rate"]],
    [{ rate: "1/s", profile: { dayly: true } }, ["body", "profile", "dayly"]],
    [{ profile: { base: 5 } }, ["body", "profile", "base"]],
    [
      { profile: { ramp: { from: 1, to: 2, start: "2026-01-02", end: "2026-01-01" } } },
      ["body", "profile", "ramp"],
    ],
    [{ profile: { bursts: [{ start: "2026-01-01", duration: "soon", multiplier: 2 }] } }, null],
    [{ mix: "mostly views" }, ["body", "mix"]],
    [{ viral: { views: -1 } }, ["body", "viral", "views"]],
    [{ viral: { veiws: 10 } }, ["body", "viral", "veiws"]],
    [{ data_type: "users", mix: "uniform" }, ["body", "mix"]],
    [{ scenario: "gourmetgram", data_type: "users" }, ["body", "data_type"]],
    [{ rate: -1 }, ["body", "rate"]],
  ])("refuses %j at start with a located 422", async (body, loc) => {
    const before = (await t.db.pool.query("SELECT count(*)::int AS n FROM traffic_streams")).rows;
    const res = await start(body);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    if (loc) expect(res.body.detail[0].loc).toEqual(loc);
    else expect(res.body.detail[0].loc.slice(0, 3)).toEqual(["body", "profile", "bursts"]);
    const after = (await t.db.pool.query("SELECT count(*)::int AS n FROM traffic_streams")).rows;
    expect(after).toEqual(before);
  });

  it("accepts a full GourmetGram configuration and a clickstream one", async () => {
    const gg = await start({
      rate: "600/h",
      profile: {
        daily: true,
        bursts: [{ start: "2026-01-01T12:00Z", duration: "15m", multiplier: 3 }],
      },
      mix: "view=68,comment=20,upload=7,user=3,flag=2",
      mode: "simulate_viral",
      viral: { views: 50, background: true },
      seed: 7,
      max_count: 10_000,
    });
    expect(gg.status, JSON.stringify(gg.body)).toBe(200);
    const cs = await start({ data_type: "interactions", rate: 50, duration: 60 });
    expect(cs.status, JSON.stringify(cs.body)).toBe(200);
    expect(cs.body.stream.scenario).toBe("clickstream");
    await stop(gg.body.stream_id);
    await stop(cs.body.stream_id);
  });

  it("answers 404 for an unknown stream and 422 for a malformed id", async () => {
    expect((await stop("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await stop("not-a-uuid")).status).toBe(422);
    const stats = await t.call(
      "GET",
      "/stream/stats?stream_id=00000000-0000-4000-8000-000000000000",
    );
    expect(stats.status).toBe(404);
  });

  it("needs the API key for every route, reads included", async () => {
    for (const [method, path] of [
      ["POST", "/stream/start"],
      ["GET", "/stream/status"],
      ["GET", "/stream/stats"],
    ] as const) {
      const res = await t.app.request(path, { method, headers: { "x-api-key": "wrong" } });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect(API_KEY).not.toBe("wrong");
  });

  it("rolls the start back when EventBridge refuses: no stream runs without its rule", async () => {
    const broken = createControlApp({
      ...t.runtime.deps,
      log: { info: () => {}, error: () => {} },
      schedule: { ...t.runtime.deps.schedule!, ruleName: `${t.ruleName}-missing` },
    });
    const before = (await json(await t.call("GET", "/stream/status"))).body.streams.length;
    const res = await broken.request("/stream/start", {
      method: "POST",
      headers: { "x-api-key": API_KEY, "content-type": "application/json" },
      body: JSON.stringify({ rate: "150/h" }),
    });
    expect(res.status).toBe(500);
    expect((await json(await t.call("GET", "/stream/status"))).body.streams).toHaveLength(before);
  });

  it("kicks the generator when a start switches the rule on, and only then; a failed kick still starts", async () => {
    const kicks: { source: string; "detail-type": string; minute: string }[] = [];
    const logged: string[] = [];
    let fail = false;
    const app = createControlApp({
      ...t.runtime.deps,
      log: { info: () => {}, error: (message) => logged.push(message) },
      kick: async (event) => {
        kicks.push(event);
        if (fail) throw new Error("no generator");
      },
    });
    const post = async (path: string, body?: unknown) =>
      json(
        await app.request(path, {
          method: "POST",
          headers: { "x-api-key": API_KEY, "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    // Nothing runs: stop what the tests before left running.
    const { body: status } = await json(await t.call("GET", "/stream/status?limit=100"));
    for (const s of status.streams as { stream_id: string; status: string }[])
      if (s.status === "running") await stop(s.stream_id);
    expect((await ruleNow()).state).toBe("DISABLED");

    const sent = Date.now();
    const a = await post("/stream/start", { rate: "150/h" });
    expect(a.status).toBe(200);
    expect(kicks).toEqual([
      { source: KICK_SOURCE, "detail-type": "Stream started", minute: expect.any(String) },
    ]);
    // The first whole minute at least the kick's lead ahead.
    const minute = Date.parse(kicks[0]!.minute);
    expect(minute % 60_000).toBe(0);
    expect(minute - sent).toBeGreaterThanOrEqual(KICK_LEAD_MS);
    expect(minute - Date.now()).toBeLessThanOrEqual(KICK_LEAD_MS + 60_000);
    // With the rule on, the schedule's deliveries serve the next start: no kick.
    const b = await post("/stream/start", { rate: "150/h" });
    expect(b.status).toBe(200);
    expect(kicks).toHaveLength(1);
    await stop(a.body.stream_id);
    await stop(b.body.stream_id);
    expect((await ruleNow()).state).toBe("DISABLED");

    // A kick that fails is logged; the stream runs, and the schedule serves it a minute later.
    fail = true;
    const c = await post("/stream/start", { rate: "150/h" });
    expect(c.status).toBe(200);
    expect(c.body.stream.status).toBe("running");
    expect(kicks).toHaveLength(2);
    expect(logged).toEqual(["generator kick"]);
    await stop(c.body.stream_id);
  });

  it("documents the routes in the control OpenAPI document", async () => {
    const doc = (await json(await t.call("GET", "/control/openapi.json"))).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/stream/start",
        "/stream/stop/{stream_id}",
        "/stream/status",
        "/stream/stats",
      ]),
    );
  });
});
