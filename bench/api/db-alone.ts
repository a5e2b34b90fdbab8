// The database alone, the yardstick `pnpm bench api` divides the API's throughput by: what a
// plain client gets from the same Postgres for the same writes, one transaction per write as
// pgbench runs it (BEGIN; the row; its outbox event; COMMIT), `connections` clients in a closed
// loop, on a fresh database of the same schema (its planning-log triggers fire too).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createPool, type PoolClient } from "@gg/core/db";
import { Comments, toEventTimestamp } from "@gg/core/kafka";
import * as Outbox from "@gg/core/outbox";
import type { Random } from "@gg/core/random";
import { freshDatabase } from "../../test/support/fixtures";
import { cpuMeter } from "./cpu";
import { quantile } from "./load";

export type DbAloneKind = "comments" | "users";

export interface DbAloneResult {
  kind: DbAloneKind;
  connections: number;
  rate: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU ms per transaction: the client's (this process: pg), and the Postgres backends'. */
  cpu: { client: number; pg: number };
}

const INSERT_COMMENT =
  "INSERT INTO comments (id, image_id, user_id, content, created_at) VALUES ($1, $2, $3, $4, $5)";
const INSERT_EVENT = "INSERT INTO outbox (event_id, topic, key, value) VALUES ($1, $2, $3, $4)";
const INSERT_USER = "INSERT INTO users (id, username, created_at) VALUES ($1, $2, $3)";

/** One comment: its row and its event, in one transaction. */
async function comment(db: PoolClient, ids: Population, random: Random, i: number) {
  const id = randomUUID();
  const image = ids.images[random.int(0, ids.images.length - 1)] as string;
  const user = ids.users[random.int(0, ids.users.length - 1)] as string;
  const content = `bench comment ${i}: looks delicious`;
  const created_at = toEventTimestamp(new Date());
  const event = Outbox.encode(Comments, {
    event_type: "comment",
    event_id: Outbox.newEventId(),
    comment_id: id,
    image_id: image,
    user_id: user,
    content,
    created_at,
  });
  await db.query("BEGIN");
  await db.query(INSERT_COMMENT, [id, image, user, content, created_at]);
  await db.query(INSERT_EVENT, [event.eventId, event.topic, event.key, event.value]);
  await db.query("COMMIT");
}

/** One user: its row (users publish no event), in one transaction. */
async function user(db: PoolClient, _ids: Population, _random: Random, i: number, runId: string) {
  await db.query("BEGIN");
  await db.query(INSERT_USER, [randomUUID(), `db-${runId}-${i}`, toEventTimestamp(new Date())]);
  await db.query("COMMIT");
}

interface Population {
  users: string[];
  images: string[];
}

/**
 * A fresh database seeded with `users` users and `images` images, and a runner of the database
 * alone on it. `close()` drops it.
 */
export async function startDbAlone(counts: { users: number; images: number }) {
  const fresh = await freshDatabase();
  const { rows } = await fresh.pool.query<{ users: string[]; images: string[] }>(
    `WITH u AS (
       INSERT INTO users (id, username) SELECT gen_random_uuid(), 'seed-' || g
         FROM generate_series(1, $1) g RETURNING id
     ), i AS (
       INSERT INTO images (id, user_id, s3_url)
       SELECT gen_random_uuid(), (SELECT id FROM u ORDER BY id LIMIT 1), 's3://bench/' || g
         FROM generate_series(1, $2) g RETURNING id
     )
     SELECT (SELECT array_agg(id::text) FROM u) AS users, (SELECT array_agg(id::text) FROM i) AS images`,
    [counts.users, counts.images],
  );
  const ids: Population = { users: rows[0]?.users ?? [], images: rows[0]?.images ?? [] };
  return {
    /** `connections` clients writing `kind` for `durationMs`: transactions/s and latency. */
    async run(
      kind: DbAloneKind,
      connections: number,
      durationMs: number,
      random: Random,
    ): Promise<DbAloneResult> {
      // One connection per client, held for the run as pgbench holds them.
      const pool = createPool({
        connectionString: fresh.url,
        max: connections,
        applicationName: "gg-bench-db-alone",
      });
      const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
      const meter = cpuMeter(process.pid, fresh.pool, fresh.name);
      await meter.start();
      const latencies: number[] = [];
      const runId = randomUUID().slice(0, 8);
      let n = 0;
      const start = performance.now();
      const deadline = start + durationMs;
      let used: { api: number; pg: number };
      try {
        await Promise.all(
          clients.map(async (db, c) => {
            const r = random.fork(`client-${c}`);
            while (performance.now() < deadline) {
              const t0 = performance.now();
              const i = n++;
              if (kind === "comments") await comment(db, ids, r, i);
              else await user(db, ids, r, i, runId);
              latencies.push(performance.now() - t0);
            }
          }),
        );
        // Before the clients close: their backends' CPU goes with them.
        used = await meter.read();
      } finally {
        for (const client of clients) client.release();
        await pool.end();
      }
      const seconds = (performance.now() - start) / 1000;
      const sorted = Float64Array.from(latencies).sort();
      return {
        kind,
        connections,
        rate: latencies.length / seconds,
        p50Ms: quantile(sorted, 0.5),
        p99Ms: quantile(sorted, 0.99),
        cpu: { client: used.api / latencies.length, pg: used.pg / latencies.length },
      };
    },
    close: () => fresh.drop(),
  };
}
