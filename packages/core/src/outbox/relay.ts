import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { guard } from "../db/pool";
import type { Publisher } from "./publisher";
import * as Sql from "./relay.sql";

export interface RelayOptions {
  pool: pg.Pool;
  publisher: Publisher;
  batchSize?: number;
  /** First back-off after a failed publish; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
  /**
   * How long `flush` waits before it reads the outbox (default 0). A long-lived server that does
   * not hold its answers for the flush sets a few ms: the events of the requests committed
   * meanwhile then go in one batch, one fetch, one produce request and one mark, where each
   * request would otherwise pay for its own.
   */
  gatherMs?: number;
}

export interface RelayResult {
  sent: number;
  /** Another relay held the lock (this one published nothing), or the breaker is open. */
  skipped?: "busy" | "backoff";
  error?: string;
}

export interface Relay {
  /** Publish what is pending unless a recent failure asks to wait. Never throws. */
  flush(): Promise<RelayResult>;
  /** Publish until the outbox is empty or a publish fails, ignoring the back-off. Never throws. */
  drain(): Promise<RelayResult>;
  /** Last publish failure, if the relay is backing off. */
  readonly lastError: string | undefined;
}

// One relay at a time publishes (per database): ordering per key across Lambdas depends on it.
const RELAY_LOCK = 0x6767_7265; // "ggre"

/**
 * The outbox relay: reads committed events in id order, publishes them, marks them sent. A failed
 * publish marks only what the publisher says was acknowledged (the rest stays pending, so nothing
 * is lost or sent twice) and opens a back-off window, so during a Kafka outage requests don't
 * each pay for a doomed attempt.
 */
export function createRelay(options: RelayOptions): Relay {
  const { pool, publisher } = options;
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? Date.now;
  let backoff = 0;
  let retryAt = 0;
  let lastError: string | undefined;
  let running: Promise<RelayResult> | undefined;
  let again = false;

  async function drainOnce(): Promise<RelayResult> {
    let sent = 0;
    const client = await pool.connect();
    const release = guard(client);
    try {
      // A frozen Lambda mid-batch must not hold the lock forever: the transaction sets an idle
      // timeout. Each batch commits its marks before the next is fetched (in the same round trip).
      let batch = Sql.fetched(await client.query(Sql.openAndFetch(RELAY_LOCK, batchSize)));
      for (;;) {
        if (batch === "busy") {
          await client.query("ROLLBACK");
          return { sent, skipped: "busy" };
        }
        if (batch.length === 0) {
          await client.query("COMMIT");
          return { sent };
        }
        const ids = batch.map((r) => r.id);
        const out = await publisher
          .publish(batch)
          .catch((error: unknown) => ({ acked: [], error }));
        if (out.error !== undefined || out.acked.length < ids.length) {
          // What was acknowledged is marked sent (re-sending it would duplicate it); the rest
          // stays pending with its attempt counted, for the next drain after the back-off.
          const error = out.error ?? new Error("the publisher acknowledged only part of a batch");
          const message = error instanceof Error ? error.message : String(error);
          const acked = new Set(out.acked);
          await client.query(Sql.markFailed, [
            ids.filter((id) => !acked.has(id)),
            message.slice(0, 1000),
          ]);
          await client.query(out.acked.length ? Sql.markSent(out.acked) : "COMMIT");
          sent += out.acked.length;
          throw error;
        }
        sent += batch.length;
        backoff = 0;
        lastError = undefined;
        // A short batch means the outbox was drained when it was read: whatever committed since
        // flushes through its own request (or the next scheduled run), so stop after the mark.
        if (batch.length < batchSize) {
          await client.query(Sql.markSent(ids));
          return { sent };
        }
        const marked = await client.query(
          `${Sql.markSent(ids)}; ${Sql.openAndFetch(RELAY_LOCK, batchSize)}`,
        );
        batch = Sql.fetched(marked);
      }
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      backoff = Math.min(
        options.maxBackoffMs ?? 30_000,
        backoff ? backoff * 2 : (options.backoffMs ?? 500),
      );
      retryAt = now() + backoff;
      lastError = error instanceof Error ? error.message : String(error);
      options.onError?.(error);
      return { sent, error: lastError };
    } finally {
      release();
    }
  }

  // Coalesce concurrent calls in this process: one loop runs, and runs once more if more work
  // was committed while it ran (so a flush after a request is never silently dropped).
  function run(gatherMs: number): Promise<RelayResult> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      let result: RelayResult;
      do {
        again = false;
        if (gatherMs > 0) await sleep(gatherMs);
        result = await drainOnce();
        total += result.sent;
      } while (again && !result.error && !result.skipped);
      return { ...result, sent: total };
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    flush: () =>
      now() < retryAt
        ? Promise.resolve({ sent: 0, skipped: "backoff" as const })
        : run(options.gatherMs ?? 0),
    drain: () => run(0),
    get lastError() {
      return lastError;
    },
  };
}
