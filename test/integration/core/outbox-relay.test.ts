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
      return { acked: messages.map((m) => m.id) };
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

  it("marks exactly what a partial publish acknowledged; the next drain sends only the rest, in order", async () => {
    await db.pool.query("UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL");
    await enqueue(40);
    // Acks the rows of even keys and refuses the odd ones (one partition refused after a restart).
    const seen: OutboxMessage[] = [];
    let refuse = true;
    const relay = createRelay({
      pool: db.pool,
      publisher: {
        name: "half",
        publish: async (messages) => {
          const acked = messages.filter((m) => !refuse || Number(m.key.slice(1)) % 2 === 0);
          seen.push(...acked);
          return {
            acked: acked.map((m) => m.id),
            error:
              acked.length < messages.length ? new Error("NOT_LEADER_FOR_PARTITION") : undefined,
          };
        },
      },
    });
    const first = await relay.drain();
    expect(first).toMatchObject({ error: "NOT_LEADER_FOR_PARTITION" });
    expect(first.sent).toBe(seen.length);
    expect(await pending()).toBe(40 - seen.length);
    refuse = false;
    expect(await relay.drain()).toEqual({ sent: 40 - first.sent });
    // Every row once, and each key's rows in id order.
    expect(new Set(seen.map((m) => m.id)).size).toBe(40);
    for (const key of new Set(seen.map((m) => m.key))) {
      const ids = seen.filter((m) => m.key === key).map((m) => Number(m.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    expect(await pending()).toBe(0);
  });
});
