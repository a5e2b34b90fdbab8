// `pnpm bench generator --shards 4 [--rate 6000]`: one minute at `rate` events/s split over N
// shards, fired the way `pnpm start` fires a scheduled minute: the generator as coordinator and a
// pool of worker processes (packages/local/src/shard-worker.ts), both started cold here, and a
// delivery that serves the next minute by the schedule's rule (prepared 20 s before it begins,
// its shards handed out then). No warm-up minute: the first minute is the one measured.
// The shards plan against a fresh database of 1,000 users and 1,000 images (on the running
// Postgres) and fire at a null sink that counts idempotency keys, so the sink says whether each
// planned event came exactly once; the minute's figures are its merged row in traffic_minutes.
// The last line is for outside checks:
//   shards: <N> events/s with <S> shards, lateness p99 <X> ms, <M> of <P> events fired once (null sink)
import { createGenerator, generatorSettingsFromEnv, scheduledTrigger } from "@gg/traffic/generator";
import { shardPool } from "@gg/traffic/shards";
import * as Streams from "@gg/traffic/streams";
import { freshDatabase } from "../../test/support/fixtures";
import { startChild } from "./child";

export interface ShardBenchOptions {
  shards: number;
  rate: number;
  concurrency: number;
}

interface MinuteRow {
  events: number;
  planned: number;
  skipped: number;
  failed: number;
  unaccounted: number;
  lateness_p99_ms: number | null;
  lead_ms: number | null;
}

export async function runShardBench(o: ShardBenchOptions): Promise<void> {
  console.log(
    `generator shards bench: ${o.shards} shard worker processes, ${o.rate} events/s for a scheduled minute, concurrency ${o.concurrency} each, uniform mix`,
  );
  const sink = await startChild<{ url: string }>("bench/generator/null-sink.ts");
  const db = await freshDatabase();
  try {
    // Stamped at the epoch for the planning logs, as bootstrap's rows: the coming minute sees them.
    await db.pool.query(`
      BEGIN;
      SELECT set_config('gg.event_time', 'epoch', true);
      INSERT INTO users (id, username) SELECT gen_random_uuid(), 'bench' || g FROM generate_series(1, 1000) g;
      INSERT INTO images (id, user_id, s3_url, views)
        SELECT gen_random_uuid(), id, 's3://bench/' || username, (random() * 50)::int FROM users;
      COMMIT;`);
    const settings = generatorSettingsFromEnv({
      DATABASE_URL: db.url,
      GENERATOR_API_URL: sink.info.url,
      GENERATOR_CONCURRENCY: String(o.concurrency),
      GENERATOR_SHARD_RATE: String(o.rate / o.shards),
      GENERATOR_MAX_SHARDS: String(o.shards),
      GENERATOR_MAX_RATE: `${o.rate}/s`,
    });
    const stream = await Streams.create(
      db.pool,
      Streams.StartStream.parse({ rate: `${o.rate}/s`, mix: "uniform", seed: "bench-shards" }),
    );
    // What `pnpm start` starts: the pool (its workers start when the minute's shards are handed
    // out) and the generator that coordinates.
    const pool = shardPool("packages/local/src/shard-worker.ts", settings);
    const generator = createGenerator(settings, { invokeShard: pool.invoke, log: () => {} });
    try {
      // A delivery early in a minute, as EventBridge's: wait for the next boundary if this one is
      // too late to leave the whole lead.
      const second = Date.now() % 60_000;
      if (second > 35_000) await new Promise((r) => setTimeout(r, 60_000 - second + 50));
      const trigger = scheduledTrigger({ time: new Date().toISOString() }, new Date());
      console.log(
        `  delivery at ${trigger.arrivedAt.toISOString()} serves ${trigger.minute.toISOString()}`,
      );
      const [tick] = await generator.serve(trigger);
      const outcomes = await pool.settled();
      for (const s of tick?.streams ?? []) if ("error" in s) console.log(`  error: ${s.error}`);
      for (const out of outcomes) if ("error" in out) console.log(`  shard: ${out.error}`);
      const { rows: shards } = await db.pool.query<{
        shard: number;
        planned: number;
        lead_ms: number;
      }>(
        `SELECT shard, planned, lead_ms FROM traffic_minute_shards WHERE stream_id = $1 ORDER BY shard`,
        [stream.stream_id],
      );
      for (const s of shards)
        console.log(
          `  shard ${s.shard}: ${s.planned} planned, ready ${(s.lead_ms / 1000).toFixed(1)} s before the minute`,
        );
      const { rows } = await db.pool.query<MinuteRow>(
        `SELECT events, planned, skipped, failed, unaccounted, lateness_p99_ms, lead_ms
           FROM traffic_minutes WHERE stream_id = $1`,
        [stream.stream_id],
      );
      const m = rows[0];
      if (!m) throw new Error("the minute was never prepared");
      console.log(JSON.stringify({ message: "merged minute", minute: trigger.minute, ...m }));
      const count = (await (await fetch(new URL("/__count", sink.info.url))).json()) as {
        requests: number;
        keys: number;
        repeated: number;
        lateMs: number;
        late: { second: number; n: number; late: number; maxMs: number }[];
      };
      console.log(
        `  sink: ${count.requests} requests, ${count.keys} distinct idempotency keys, ${count.repeated} keys more than once`,
      );
      console.log(
        `  sink: arrived > ${count.lateMs} ms after their planned time, by second of the minute: ${
          count.late.map((l) => `s${l.second} ${l.late}/${l.n} (max ${l.maxMs} ms)`).join(", ") ||
          "none"
        }`,
      );
      const once = count.keys - count.repeated;
      const fired = count.requests === m.planned ? once : Math.min(once, m.planned);
      // The minute's rate when every planned event came once, else what came, per second.
      const n =
        fired === m.planned && m.unaccounted === 0 && m.failed === 0
          ? o.rate
          : Math.floor(fired / 60);
      console.log(
        `shards: ${n} events/s with ${o.shards} shards, lateness p99 ${(m.lateness_p99_ms ?? Number.NaN).toFixed(1)} ms, ${fired} of ${m.planned} events fired once (null sink)`,
      );
    } finally {
      await generator.close();
      await pool.close();
    }
  } finally {
    await db.drop();
    await sink.stop();
  }
}
