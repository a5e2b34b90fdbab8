import {
  EVENT_TIME_HEADER,
  fromPgError,
  type PoolClient,
  setEventTime,
  withTransaction,
} from "@gg/core/db";
import { invalidInput } from "@gg/core/errors";
import * as Idempotency from "@gg/core/idempotency";
import type { Context } from "hono";
import type { ApiDeps } from "./deps";

/** What a write answers when its key was already claimed and committed by another request. */
export const REPLAY = Symbol("replay");

export interface WriteResult<T> {
  body: T;
  /** True when the body was the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Run a write in one transaction, honouring `Idempotency-Key`: the key is claimed inside the same
 * transaction as the rows and their outbox events, so a retry either replays the first answer or,
 * if the first attempt rolled back, does the work once. Driver errors come out translated.
 */
export async function idempotentWrite<T>(
  c: Context,
  deps: ApiDeps,
  requestHash: string,
  work: (tx: PoolClient) => Promise<T>,
): Promise<WriteResult<T>> {
  return idempotentBatchedWrite(c, deps, requestHash, async (req, at) => {
    const stamped = at
      ? async (tx: PoolClient) => {
          await setEventTime(tx, at);
          return work(tx);
        }
      : work;
    if (!req) return withTransaction(deps.pool, stamped);
    try {
      return await withTransaction(deps.pool, async (tx) => {
        if (!(await Idempotency.claim(tx, req))) throw REPLAY;
        const result = await stamped(tx);
        await Idempotency.store(tx, req, { status: 200, body: result });
        return result;
      });
    } catch (e) {
      if (e === REPLAY) return REPLAY;
      throw e;
    }
  });
}

/**
 * `idempotentWrite` for a write that something else commits (a batch): `submit` gets the claim
 * to make in that transaction (undefined without a key) and answers the body, or REPLAY when the
 * key was already claimed and committed by another request, whose answer is then replayed.
 */
export async function idempotentBatchedWrite<T>(
  c: Context,
  deps: ApiDeps,
  requestHash: string,
  submit: (
    req: Idempotency.IdempotencyRequest | undefined,
    /** The generator's planned time (`x-gg-event-time`), for the planning logs. */
    at: Date | undefined,
  ) => Promise<T | typeof REPLAY>,
): Promise<WriteResult<T>> {
  const key = c.req.header("idempotency-key");
  const at = eventTime(c.req.header(EVENT_TIME_HEADER));
  try {
    if (!key) return { body: (await submit(undefined, at)) as T, replayed: false };
    if (key.length > 255)
      throw invalidInput("Idempotency-Key is longer than 255 characters", {
        loc: ["header", "idempotency-key"],
      });
    const req = { scope: `${c.req.method} ${c.req.routePath}`, key, requestHash };
    const stored = await Idempotency.lookup(deps.pool, req);
    if (stored) return { body: stored.body as T, replayed: true };
    const body = await submit(req, at);
    if (body !== REPLAY) return { body, replayed: false };
    const first = await Idempotency.lookup(deps.pool, req);
    if (!first) throw new Error("idempotency key vanished after a conflicting claim");
    return { body: first.body as T, replayed: true };
  } catch (e) {
    throw fromPgError(e);
  }
}

// The generator's planned time of the request; the planning logs file the write under it.
function eventTime(header: string | undefined): Date | undefined {
  if (header === undefined) return undefined;
  const at = new Date(header);
  if (!/^\d{4}-\d\d-\d\dT/.test(header) || Number.isNaN(at.getTime())) {
    throw invalidInput(`${EVENT_TIME_HEADER} must be an ISO-8601 time`, {
      loc: ["header", EVENT_TIME_HEADER],
    });
  }
  return at;
}

/** Answer a write, marking replays so clients and tests can tell. */
export function respond<T>(c: Context, result: WriteResult<T>) {
  if (result.replayed) c.header("Idempotent-Replayed", "true");
  return c.json(result.body as never, 200);
}
