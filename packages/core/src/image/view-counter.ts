import type { Pool, PoolClient } from "../db/pool";
import { notFound } from "../errors/index";
import * as Idempotency from "../idempotency/index";
import { Views } from "../kafka/gourmetgram-topics";
import * as Outbox from "../outbox/index";
import * as Sql from "./image.sql";

/** One view to count. */
export interface ViewRequest {
  imageId: string;
  /** Rides along on the event when known. */
  userId?: string | undefined;
  /** An Idempotency-Key: claimed, and its response stored, in the transaction that counts. */
  idempotency?: {
    request: Idempotency.IdempotencyRequest;
    response(views: number): unknown;
  };
}

/** The view's own count, or: its key was already claimed and committed by another request. */
export type ViewOutcome = { views: number } | { claimedElsewhere: true };

export interface ViewCounter {
  /** Count one view (with its event) and answer its own count; NOT_FOUND for no such image. */
  view(req: ViewRequest): Promise<ViewOutcome>;
}

export interface ViewCounterOptions {
  /** The most views one write may count (default 256). */
  maxBatch?: number;
}

// Stands for the database's now() in the rendered events (see Sql.countViews): a valid contract
// timestamp, so the events validate, and a string no other field of a view event can contain.
const VIEWED_AT = "0001-01-01T00:00:00.000000+00:00";

interface Waiter {
  req: ViewRequest;
  resolve(outcome: ViewOutcome): void;
  reject(error: unknown): void;
}

/**
 * Counts views, coalescing those of one image that arrive while a write for it is in flight:
 * a viral image's views would otherwise queue one by one for its row lock. Group commit: the
 * first view of an image is written at once (one statement: the row update and the events);
 * views arriving meanwhile wait and go together in the next write, which adds their number to
 * the row and hands each its own count (the new total minus those after it). So counts stay
 * exact and strictly increasing, also with several processes on one database: each write takes
 * a disjoint range under the row lock. Images never wait for one another.
 */
export function createViewCounter(pool: Pool, options: ViewCounterOptions = {}): ViewCounter {
  const maxBatch = options.maxBatch ?? 256;
  // Per image: views waiting for the write in flight. An entry exists while a write is running.
  const queues = new Map<string, Waiter[]>();

  async function drain(imageId: string, waiting: Waiter[]): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      try {
        const outcomes = await write(
          pool,
          imageId,
          batch.map((w) => w.req),
        );
        for (const [i, w] of batch.entries()) w.resolve(outcomes[i] as ViewOutcome);
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
    queues.delete(imageId);
  }

  return {
    view(req) {
      return new Promise<ViewOutcome>((resolve, reject) => {
        const waiting = queues.get(req.imageId);
        if (waiting) {
          waiting.push({ req, resolve, reject });
          return;
        }
        const fresh: Waiter[] = [{ req, resolve, reject }];
        queues.set(req.imageId, fresh);
        // After this turn's other I/O callbacks: views that arrived together start together.
        setImmediate(() => void drain(req.imageId, fresh));
      });
    },
  };
}

/** Count `reqs` (all of one image) in one write; outcomes in the same order. */
async function write(pool: Pool, imageId: string, reqs: ViewRequest[]): Promise<ViewOutcome[]> {
  if (reqs.every((r) => !r.idempotency)) {
    const total = await countViews(pool, imageId, reqs);
    return reqs.map((_, i) => ({ views: total - reqs.length + 1 + i }));
  }
  // Keys to claim: a transaction, so the claims, the count and the stored answers commit together.
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const keyed = reqs.flatMap((r) => (r.idempotency ? [r.idempotency.request] : []));
    const claimed = await Idempotency.claimMany(client, keyed);
    // A key twice in one batch: the first request holds the claim, the second replays it.
    const counted = reqs.filter((r) => {
      if (!r.idempotency) return true;
      return claimed.delete(Idempotency.claimId(r.idempotency.request));
    });
    const views = new Map<ViewRequest, number>();
    if (counted.length > 0) {
      const total = await countViews(client, imageId, counted);
      for (const [i, r] of counted.entries()) views.set(r, total - counted.length + 1 + i);
      await Idempotency.storeMany(client, storedAnswers(counted, views));
    }
    await client.query("COMMIT");
    return reqs.map((r) => {
      const n = views.get(r);
      return n === undefined ? { claimedElsewhere: true as const } : { views: n };
    });
  } catch (e) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      // The connection is unusable: destroy it rather than pool a client mid-transaction.
      broken = rollbackError;
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

function storedAnswers(counted: ViewRequest[], views: Map<ViewRequest, number>) {
  return counted.flatMap((r) =>
    r.idempotency
      ? [
          {
            req: r.idempotency.request,
            res: { status: 200, body: r.idempotency.response(views.get(r) as number) },
          },
        ]
      : [],
  );
}

/** Add `reqs.length` views and their events; the image's new total, or NOT_FOUND. */
async function countViews(
  db: Pool | PoolClient,
  imageId: string,
  reqs: ViewRequest[],
): Promise<number> {
  const rows = reqs.map((r) =>
    Outbox.encode(Views, {
      event_type: "view",
      event_id: Outbox.newEventId(),
      image_id: imageId,
      viewed_at: VIEWED_AT,
      ...(r.userId ? { user_id: r.userId } : {}),
    }),
  );
  // One topic and one key (the image id, by the topic's definition) for every row.
  const { topic, key } = rows[0] as Outbox.OutboxRow;
  const { rows: counted } = await db.query<{ views: number }>(Sql.countViews, [
    imageId,
    rows.map((e) => e.eventId),
    topic,
    key,
    rows.map((e) => e.value),
    VIEWED_AT,
  ]);
  if (!counted[0]) throw notFound("Image not found");
  return counted[0].views;
}
