// The outbox relay on the real Postgres, with a publisher that records what it is handed: events
// go out in id order and are marked sent, each batch costing two round trips; a second relay
// waits its turn; a failed publish marks nothing sent and says why.
import { randomUUID } from "node:crypto";
import type { Pool, PoolClient } from "@gg/core/db";
import { createRelay, type OutboxMessage, type Publisher } from "@gg/core/outbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshDatabase, freshDatabase } from "../../support/fixtures";

let db: FreshDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db?.drop());

/** The pool, with every query the relay's connections send counted. */
function countingPool(pool: Pool) {
  const counter = { queries: 0 };
  const wrapped = {
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      return Object.assign(Object.create(client) as PoolClient, {
        query: (...args: unknown[]) => {
          counter.queries++;
          return query(...args);
        },
        release: (e?: Error) => client.release(e),
      });
    },
  } as unknown as Pool;
  return { pool: wrapped, counter };
}

const recorder = () => {
  const seen: OutboxMessage[] = [];
  const publisher: Publisher = {
    name: "recorder",
    async publish(messages) {
      seen.push(...messages);
    },
  };
  return { seen, publisher };
};

async function enqueue(n: number) {
  await db.pool.query(
    `INSERT INTO outbox (event_id, topic, key, value)
     SELECT gen_random_uuid(), 'relay.test', 'k' || (g % 7), '{"n":' || g || '}'
       FROM generate_series(1, $1) g ORDER BY g`,
    [n],
  );
}
const pending = async () =>
  (await db.pool.query("SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL")).rows[0].n;

describe("the outbox relay", () => {
  it("publishes 1,200 events in id order in 3 batches of at most 500, with 2 round trips a batch", async () => {
    await enqueue(1_200);
    const { pool, counter } = countingPool(db.pool);
    const { seen, publisher } = recorder();
    const relay = createRelay({ pool, publisher, batchSize: 500 });
    expect(await relay.drain()).toEqual({ sent: 1_200 });
    expect(seen.map((m) => JSON.parse(m.value).n)).toEqual(
      Array.from({ length: 1_200 }, (_, i) => i + 1),
    );
    expect(await pending()).toBe(0);
    // open + lock + fetch; twice mark + commit + open + lock + fetch; the short batch's mark + commit.
    expect(counter.queries).toBe(4);
    // Nothing pending: open + lock + fetch, commit.
    expect(await relay.drain()).toEqual({ sent: 0 });
    expect(counter.queries).toBe(6);
  });

  it("answers busy while another relay holds the lock, and publishes nothing", async () => {
    await enqueue(3);
    const holder = await db.pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock($1)", [0x6767_7265]);
      const { seen, publisher } = recorder();
      const relay = createRelay({ pool: db.pool, publisher });
      expect(await relay.drain()).toEqual({ sent: 0, skipped: "busy" });
      expect(seen).toHaveLength(0);
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
    const { publisher } = recorder();
    expect(await createRelay({ pool: db.pool, publisher }).drain()).toEqual({ sent: 3 });
  });

  it("keeps events pending after a failed publish, counting the attempt and its error", async () => {
    const eventId = randomUUID();
    await db.pool.query(
      "INSERT INTO outbox (event_id, topic, key, value) VALUES ($1, 'relay.test', 'k', '{}')",
      [eventId],
    );
    const errors: unknown[] = [];
    const relay = createRelay({
      pool: db.pool,
      publisher: {
        name: "down",
        publish: async () => {
          throw new Error("broker unreachable");
        },
      },
      onError: (e) => errors.push(e),
    });
    expect(await relay.drain()).toMatchObject({ sent: 0, error: "broker unreachable" });
    expect(await relay.flush()).toEqual({ sent: 0, skipped: "backoff" });
    const { rows } = await db.pool.query(
      "SELECT sent_at, attempts, last_error FROM outbox WHERE event_id = $1",
      [eventId],
    );
    expect(rows[0]).toEqual({ sent_at: null, attempts: 1, last_error: "broker unreachable" });
    expect(errors).toHaveLength(1);
  });
});
