// Landed times of `pnpm start` (issue 16), in its two shapes at once: one server runs two streams,
// 20/s fired in the server's own process and 24/s above GENERATOR_SHARD_RATE=22, split over 2 warm
// worker processes. The minutes come from the in-process schedule (a delivery at each boundary
// prepares the next minute), on a fresh database that has no user or image yet, so the first
// minute's actors are created ahead of it too. Objects and events go to `pnpm start`'s embedded
// defaults (a folder, event files), as a new user runs it: what is timed is the generator, the
// API and Postgres. Two full minutes of each stream are judged on what landed in Postgres
// (test/support/landed.ts): both prepared ahead and landed whole, and the one after the first
// full minute, as the issue puts it, to lateness p99 < 20 ms, dispersion and KS, with seeds
// picked at the start so that the plan of every minute the test may check meets the floors; the
// seeds are printed. Real minutes, waited once for both shapes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Streams from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshDatabase, freshDatabase, suffix } from "../../support/fixtures";
import {
  judgeStreams,
  type LandedStream,
  minuteRows,
  minutesAfter,
  pickSeed,
  SHAPES,
  SHARD_RATE,
  type Shape,
  startBody,
} from "../../support/landed";
import { type LocalStart, startLocal } from "../../support/local-start";

const SEED = process.env.TEST_SEED ?? suffix(3);
// The floor. The suite runs this file first, beside only the files that load the machine
// lightly (vitest.config.ts): beside the whole suite on two cores the judged minutes miss it.
// GG_LANDED_P99_MS overrides it, to see how a loaded machine fares.
const SUITE_P99_MS = Number(process.env.GG_LANDED_P99_MS ?? 20);
const config = (shape: Shape) => (seed: string) =>
  Streams.StartStream.parse(startBody(shape, seed)) as Record<string, unknown>;

let db: FreshDatabase;
let dir: string;
let local: LocalStart;
const streams = {} as Record<Shape, LandedStream>;

beforeAll(async () => {
  db = await freshDatabase();
  dir = mkdtempSync(join(tmpdir(), "gg-landed-"));
  const candidates = minutesAfter(Date.now(), 4);
  for (const shape of ["one", "split"] as const) {
    const seed = pickSeed(config(shape), SHAPES[shape].rate, candidates, `${shape}-${SEED}`);
    const s = await Streams.create(db.pool, Streams.StartStream.parse(config(shape)(seed)));
    streams[shape] = { id: s.stream_id, seed, config: s.config };
  }
  console.log(`landed (local): seeds ${streams.one.seed}, ${streams.split.seed}`);
  local = await startLocal({
    DATABASE_URL: db.url,
    // Empty is unset: the embedded defaults, whatever this shell exports.
    KAFKA_BROKERS: "",
    AWS_ENDPOINT_URL: "",
    S3_ENDPOINT: "",
    S3_BUCKET: "",
    GG_LOCAL_STACK: "",
    GG_LOCAL_DIR: dir,
    GENERATOR_SHARD_RATE: String(SHARD_RATE),
    GENERATOR_MAX_RATE: "100/s",
  });
  await local.ready(90_000);
}, 150_000);

afterAll(async () => {
  await local?.stop();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("pnpm start: every minute lands on time, in the process and on local shards", () => {
  it("two full minutes of each stream meet the floors on what landed", async () => {
    // The start-up delivery serves the next minute, at once when less than the 20 s lead is left:
    // the first full minute is judged as prepared ahead and landed whole, not on its timing, so
    // 12 s are enough for it (its actors, its plan and the split stream's two worker processes,
    // started when it is prepared). With less, the boundary's delivery serves the one after it.
    const up = Date.now();
    const [next] = minutesAfter(up, 1) as [Date];
    const first = next.getTime() - up >= 12_000 ? next : new Date(next.getTime() + 60_000);
    const checked = [first.getTime(), first.getTime() + 60_000];
    // Until the last checked minute of both streams is finished (its shards merged), at most 20 s
    // after it ends.
    const last = checked[1] as number;
    const finished = async () =>
      (
        await Promise.all(
          Object.values(streams).map(async (s) =>
            (
              await minuteRows(db.pool, s.id)
            ).some((r) => r.minute.getTime() === last && r.finished),
          ),
        )
      ).every(Boolean);
    for (const end = last + 80_000; Date.now() < end; ) {
      if (local.child.exitCode !== null) throw new Error(`pnpm start exited:\n${local.output()}`);
      if (Date.now() > last + 60_000 && (await finished())) break;
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(1_000, end - Date.now()))));
    }
    const { failures } = await judgeStreams(db.pool, streams, checked, SUITE_P99_MS);
    if (failures.length > 0) console.log(local.output().slice(-3000));
    // The fresh database had no one to act on: the first minute prepared created them first.
    const { rows: actors } = await db.pool.query<{ minute: Date; n: number }>(
      "SELECT minute, sum(actors_created)::int AS n FROM traffic_minutes GROUP BY minute ORDER BY minute",
    );
    expect(actors[0]?.n, JSON.stringify(actors)).toBe(20);
    expect(
      actors.slice(1).every((a) => a.n === 0),
      JSON.stringify(actors),
    ).toBe(true);
    expect(failures, `seeds ${streams.one.seed}, ${streams.split.seed}`).toEqual([]);
  }, 300_000);
});
