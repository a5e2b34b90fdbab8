// A tick whose minute is above the shard rate, split over a pool of 4 local worker processes (what
// `pnpm start` does; deployed, shard Lambdas): each event fired once at the real API, one merged
// minute record, the rows by kind equal to what succeeded; the workers get their settings over
// IPC, so no secret is in their command line.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { generatorSettingsFromEnv, runTick } from "@gg/traffic/generator";
import { bootstrap, gourmetgramScenario, httpTarget } from "@gg/traffic/gourmetgram";
import { bundledFood11Root, food11Index } from "@gg/traffic/gourmetgram/images";
import { shardPool } from "@gg/traffic/shards";
import * as Streams from "@gg/traffic/streams";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../support/api";

const SEED = Number(process.env.TEST_SEED ?? 20261123);
let api: TestApi;
let server: ReturnType<typeof serve>;
let url: string;

beforeAll(async () => {
  api = await startTestApi();
  server = serve({ fetch: api.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await bootstrap({
    db: api.db.pool,
    target: httpTarget(url),
    dataset: await food11Index(bundledFood11Root()),
    seed: SEED,
    // The tick's smallest world (no actors created for the minute), so rows equal what it sent.
    users: 10,
    images: 10,
    testAccountRate: 0,
  });
});

afterAll(async () => {
  server?.close();
  await api?.close();
});

describe(`a split minute on local worker processes (seed ${SEED})`, () => {
  it("4 workers fire each event once; the minute's row is their merge", async () => {
    const q = async (sql: string) => (await api.db.pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    const rows = async () => ({
      user: await q("SELECT count(*)::int AS n FROM users"),
      upload: await q("SELECT count(*)::int AS n FROM images"),
      view: await q("SELECT coalesce(sum(views), 0)::int AS n FROM images"),
      comment: await q("SELECT count(*)::int AS n FROM comments"),
      flag: await q("SELECT count(*)::int AS n FROM flags"),
    });
    const before = await rows();
    const stream = await Streams.create(
      api.db.pool,
      Streams.StartStream.parse({ scenario: "gourmetgram", rate: "2/s", seed: SEED }),
    );
    const settings = generatorSettingsFromEnv({
      DATABASE_URL: api.db.url,
      GENERATOR_API_URL: url,
    });
    const workers = shardPool("packages/local/src/shard-worker.ts", settings, ["--import", "tsx"]);
    const target = httpTarget(url);
    // A far-future minute sees every row; played 10x compressed (6 s).
    const tick = await runTick({
      db: api.db.pool,
      scenarios: {
        gourmetgram: gourmetgramScenario({ target, dataset: async () => null, concurrency: 4 }),
      },
      minute: new Date("2031-06-01T00:00:00Z"),
      timing: { scale: 10 },
      streamIds: [stream.stream_id],
      shards: { eventsPerSecond: 0.5, maxShards: 4, invoke: workers.invoke },
      log: () => {},
    });
    await target.close();
    expect(tick.streams[0]).toMatchObject({ record: { status: "sharded", shards: 4 } });
    const done = await workers.settled();
    expect(workers.size).toBe(4);
    expect(done.map((d) => ("error" in d ? d.error : "ok"))).toEqual(["ok", "ok", "ok", "ok"]);
    // Each worker's command line is the worker's file alone: settings came over IPC.
    for (const pid of workers.pids) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      expect(argv.some((a) => a.includes(api.db.url) || a.includes("{"))).toBe(false);
    }
    await workers.close();
    const { rows: minutes } = await api.db.pool.query(
      `SELECT shards, events, unaccounted, planned, skipped, sent, succeeded, failed, by_kind,
              finished_at IS NOT NULL AS finished
         FROM traffic_minutes WHERE stream_id = $1`,
      [stream.stream_id],
    );
    expect(minutes).toHaveLength(1);
    const m = minutes[0];
    expect(m).toMatchObject({ shards: 4, unaccounted: 0, failed: 0, finished: true });
    expect(m.planned + m.skipped).toBe(m.events);
    expect(m.planned).toBeGreaterThan(60);
    expect(m.succeeded).toBe(m.planned);
    const after = await rows();
    const ok = (k: string) => (m.by_kind[k]?.succeeded as number | undefined) ?? 0;
    expect({
      user: after.user - before.user,
      upload: after.upload - before.upload,
      view: after.view - before.view,
      comment: after.comment - before.comment,
      flag: after.flag - before.flag,
    }).toEqual({
      user: ok("user"),
      upload: ok("upload"),
      view: ok("view"),
      comment: ok("comment"),
      flag: ok("flag"),
    });
  }, 120_000);
});
