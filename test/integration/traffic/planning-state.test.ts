// Planning state (packages/traffic/src/scenarios/gourmetgram/state) on a real Postgres: a backfilled minute re-run with
// its claim removed sends byte-identical requests after later rows and engagement; the sample
// reads a bounded number of rows whatever the tables hold; the skew still follows engagement.
import { withTransaction } from "@gg/core/db";
import {
  type ApiTarget,
  bootstrap,
  gourmetgramScenario,
  inProcessTarget,
} from "@gg/traffic/gourmetgram";
import { bundledFood11Root, food11Index } from "@gg/traffic/gourmetgram/images";
import { type KnownState, PlannerConfig, planMinute } from "@gg/traffic/gourmetgram/plan";
import { loadPlanningState, PlanningSql, STATE_LAG_MS } from "@gg/traffic/gourmetgram/state";
import { type MinuteRecord, runStreamMinute } from "@gg/traffic/minute";
import * as Streams from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../support/api";
import { type FreshDatabase, freshDatabase } from "../../support/fixtures";

const SEED = Number(process.env.TEST_SEED ?? 20261201);
console.log(`planning-state seed ${SEED} (TEST_SEED overrides)`);

/** Every request a target sent: method, URL, the headers that make it, and the body text. */
function recording(inner: ApiTarget) {
  const sent: string[] = [];
  const target: ApiTarget = {
    ...inner,
    send: async (request) => {
      const h = request.headers;
      const body =
        typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body);
      sent.push(
        JSON.stringify([
          request.path,
          h["idempotency-key"],
          h["x-gg-event-time"],
          h["content-type"],
          body,
        ]),
      );
      return inner.send(request);
    },
    lane: () => target,
  };
  return { target, sent };
}

describe(`a backfilled minute re-run after its claim was removed (seed ${SEED})`, () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await bootstrap({
      db: api.db.pool,
      target: inProcessTarget(api.app),
      dataset: await food11Index(bundledFood11Root()),
      seed: SEED,
      users: 15,
      images: 10,
      testAccountRate: 0.02,
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it("sends the same bytes, and every event replays instead of a 409", async () => {
    // No uploads (no dataset): multipart boundaries are random, every other body is JSON.
    const stream = await Streams.create(
      api.db.pool,
      Streams.StartStream.parse({ rate: "3/s", seed: SEED }),
    );
    const minute = new Date("2026-11-20T10:00:00Z");
    const run = async (at: Date) => {
      const { target, sent } = recording(inProcessTarget(api.app));
      const scenario = gourmetgramScenario({ target, dataset: async () => null, concurrency: 8 });
      const record: MinuteRecord = await runStreamMinute(scenario, {
        db: api.db.pool,
        stream,
        minute: at,
        timing: { mode: "backfill" },
      });
      return { record, sent: sent.sort() };
    };

    const first = await run(minute);
    expect(first.record.status).toBe("ran");
    expect(first.record.succeeded).toBeGreaterThan(100);
    // Later history: the next backfilled minutes (events stamped after the minute) and live
    // writes (stamped now), which add users and engagement the minute must not see.
    await run(new Date(minute.getTime() + 60_000));
    await run(new Date(minute.getTime() + 120_000));
    await api.db.pool.query("UPDATE images SET views = views + 50");
    const counts = await api.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM planning_engagement",
    );
    expect(counts.rows[0]?.n).toBeGreaterThan(first.record.succeeded + 500);

    await api.db.pool.query("DELETE FROM traffic_minutes WHERE stream_id = $1", [stream.stream_id]);
    const again = await run(minute);
    expect(again.record.status).toBe("ran");
    expect(again.sent.length).toBe(first.sent.length);
    expect(again.sent).toEqual(first.sent);
    expect(again.record.duplicate).toBe(0);
    expect(again.record.succeeded).toBe(first.record.succeeded);
  });
});

describe(`the sample: bounded reads and engagement skew (seed ${SEED})`, () => {
  let db: FreshDatabase;
  const T = "2026-11-01T00:00:00Z";
  beforeAll(async () => {
    db = await freshDatabase();
    // 4,000 cold images (weight 1), 100 warm ones with 10 comments each (weight 21) and one hot
    // one with 3,000 views and 300 flags (weight 3,901): 8,401 engagement rows, W = 10,001.
    // One implicit transaction, stamped at T in the planning logs as the API stamps a backfill.
    await db.pool.query(`
      SELECT set_config('gg.event_time', '${T}', true);
      INSERT INTO users (id, username, created_at)
        SELECT gen_random_uuid(), 'u' || g, '${T}' FROM generate_series(1, 3000) g;
      INSERT INTO images (id, user_id, s3_url, created_at, views)
        SELECT gen_random_uuid(), (SELECT id FROM users LIMIT 1), 's3://x/' || g, '${T}',
               CASE WHEN g = 1 THEN 3000 ELSE 0 END
          FROM generate_series(1, 4101) g;
      INSERT INTO comments (id, image_id, user_id, content, created_at)
        SELECT gen_random_uuid(), i.id, i.user_id, 'nice', '${T}'
          FROM (SELECT id, user_id FROM images WHERE views = 0 ORDER BY id LIMIT 100) i,
               generate_series(1, 10);
      INSERT INTO flags (id, user_id, image_id, reason, created_at)
        SELECT gen_random_uuid(), i.user_id, i.id, 'spam', '${T}'
          FROM (SELECT id, user_id FROM images WHERE views = 3000) i, generate_series(1, 300);`);
    await db.pool.query("VACUUM ANALYZE planning_engagement");
    await db.pool.query("VACUUM ANALYZE planning_users");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("reads at most the sample size from each log, through the sample indexes", async () => {
    const size = 2048;
    const rowsRead: number[] = [];
    const counting = {
      query: async (sql: string, params: unknown[]) => {
        const r = await db.pool.query(sql, params);
        rowsRead.push(r.rowCount ?? 0);
        return r;
      },
    } as unknown as typeof db.pool;
    const minute = new Date("2026-12-01T00:00:00Z");
    const state = await loadPlanningState(counting, {
      seed: SEED,
      minute,
      config: PlannerConfig.parse({}),
      size,
    });
    // Users (3,000 of them) and engagement (8,401 rows): one window each, and nothing else.
    expect(rowsRead).toEqual([size, size]);
    expect(state.users).toHaveLength(size);
    expect(state.images.length).toBeGreaterThan(1000);

    for (const sql of [PlanningSql.sampleUsers, PlanningSql.sampleEngagement]) {
      const { rows } = await db.pool.query<{ "QUERY PLAN": unknown }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        [0.3, minute, size],
      );
      const scans = scanNodes(rows[0]?.["QUERY PLAN"]).filter((s) =>
        ["planning_users", "planning_engagement"].includes(s["Relation Name"] as string),
      );
      expect(scans.length).toBeGreaterThan(0);
      for (const scan of scans) expect(scan["Node Type"]).toBe("Index Only Scan");
      const read = scans.reduce((n, s) => n + (s["Actual Rows"] as number), 0);
      expect(read).toBeLessThanOrEqual(size);
    }
  });

  it("sees nothing written in the minute or the one before it (the lag)", async () => {
    // The seeded rows are all stamped T.
    const config = PlannerConfig.parse({});
    const at = (ms: number) =>
      loadPlanningState(db.pool, { seed: SEED, minute: new Date(Date.parse(T) + ms), config });
    expect(await at(0)).toEqual({ users: [], images: [] });
    expect(await at(STATE_LAG_MS)).toEqual({ users: [], images: [] });
    const later = await at(STATE_LAG_MS + 60_000);
    expect(later.users.length).toBeGreaterThan(0);
    expect(later.images.length).toBeGreaterThan(0);
  });

  it("drops an image deleted before the minute, and keeps it for minutes before the deletion", async () => {
    const config = PlannerConfig.parse({});
    const hot = await withTransaction(db.pool, async (tx) => {
      await tx.query("SELECT set_config('gg.event_time', '2026-11-15T00:00:00Z', true)");
      const { rows } = await tx.query<{ id: string }>(
        "UPDATE images SET deleted_at = now() WHERE views = 3000 RETURNING id::text AS id",
      );
      return rows[0]?.id;
    });
    expect(hot).toBeDefined();
    const ids = async (minute: string) =>
      (
        await loadPlanningState(db.pool, { seed: SEED, minute: new Date(minute), config })
      ).images.map((i) => i.id);
    expect(await ids("2026-11-14T00:00:00Z")).toContain(hot);
    expect(await ids("2026-11-16T00:00:00Z")).not.toContain(hot);
    await db.pool.query("UPDATE images SET deleted_at = NULL WHERE id = $1", [hot]);
    await db.pool.query("DELETE FROM planning_deleted_images");
  });

  it("views land in proportion to 1 + views + 2·comments + 3·flags", async () => {
    const config = PlannerConfig.parse({ rate: { base: "10/s" }, mix: { view: 1 } });
    const hot = (
      await db.pool.query<{ id: string }>("SELECT id::text AS id FROM images WHERE views = 3000")
    ).rows[0]?.id;
    const warm = new Set(
      (
        await db.pool.query<{ id: string }>("SELECT DISTINCT image_id::text AS id FROM comments")
      ).rows.map((r) => r.id),
    );
    const hits = { hot: 0, warm: 0, cold: 0 };
    let views = 0;
    for (let m = 0; m < 30; m++) {
      const minute = new Date(Date.UTC(2026, 11, 1, 0, m));
      const state: KnownState = await loadPlanningState(db.pool, { seed: SEED, minute, config });
      const plan = planMinute({ seed: SEED, minute, config, state, dataset: null });
      for (const e of plan.events) {
        if (e.status !== "planned" || e.kind !== "view") continue;
        views++;
        const id = e.payload.imageId;
        if (id === hot) hits.hot++;
        else if (warm.has(id)) hits.warm++;
        else hits.cold++;
      }
    }
    console.log(
      `view shares over ${views} views: hot ${(hits.hot / views).toFixed(3)}, warm ${(hits.warm / views).toFixed(3)}, cold ${(hits.cold / views).toFixed(3)}`,
    );
    // Weight shares: hot 3,901 / 10,001, warm 2,100 / 10,001, cold 4,000 / 10,001.
    expect(views).toBeGreaterThan(15_000);
    expect(hits.hot / views).toBeCloseTo(0.39, 1);
    expect(hits.warm / views).toBeCloseTo(0.21, 1);
    expect(hits.cold / views).toBeCloseTo(0.4, 1);
  });
});

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
function scanNodes(plan: unknown): PlanNode[] {
  const out: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    if (String(node["Node Type"]).includes("Scan")) out.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  for (const top of plan as { Plan: PlanNode }[]) walk(top.Plan);
  return out;
}
