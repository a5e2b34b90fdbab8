import { createHash } from "node:crypto";
import type pg from "pg";
import { AppError } from "../errors/index";
import type { Queryable } from "../sql/index";

/** A response to remember: the status and the JSON body. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyRequest {
  /** e.g. "POST /comments": a key is unique within its scope. */
  scope: string;
  key: string;
  /** A digest of the request, so reusing a key for a different request is caught. */
  requestHash: string;
}

/** A stable digest of the parts of a request that matter. */
export function hashRequest(...parts: (string | Uint8Array)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\u0000");
  return h.digest("hex");
}

/** The response stored for this key, or undefined. A key reused for another request is a CONFLICT. */
export async function lookup(
  db: Queryable,
  req: IdempotencyRequest,
): Promise<StoredResponse | undefined> {
  const { rows } = await db.query<{ request_hash: string; status: number; response: string }>(
    "SELECT request_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2",
    [req.scope, req.key],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.request_hash !== req.requestHash) {
    throw new AppError("CONFLICT", "Idempotency-Key was already used for a different request");
  }
  return { status: row.status, body: JSON.parse(row.response) };
}

/**
 * Claim the key inside the write's transaction. Returns false when another request already holds
 * it: the INSERT waits for that request's transaction, so "false" means it committed and its
 * response can be replayed (after this transaction is rolled back).
 */
export async function claim(tx: pg.PoolClient, req: IdempotencyRequest): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO idempotency_keys (scope, key, request_hash, status, response)
     VALUES ($1, $2, $3, 0, 'null') ON CONFLICT DO NOTHING`,
    [req.scope, req.key, req.requestHash],
  );
  return rowCount === 1;
}

/** Record the response of a claimed key, in the same transaction as the write it describes. */
export async function store(
  tx: pg.PoolClient,
  req: IdempotencyRequest,
  res: StoredResponse,
): Promise<void> {
  await tx.query(
    "UPDATE idempotency_keys SET status = $3, response = $4 WHERE scope = $1 AND key = $2",
    [req.scope, req.key, res.status, JSON.stringify(res.body)],
  );
}

/** `scope` and `key` joined: one claim's identity in the sets below. */
export const claimId = (req: Pick<IdempotencyRequest, "scope" | "key">): string =>
  `${req.scope}\u0000${req.key}`;

/**
 * Claim many keys in one statement inside a batch's transaction; returns the claimed ones (see
 * `claimId`). Like `claim`, each conflicting INSERT waits for the holder's transaction, so a key
 * left out was committed by another request. Keys are claimed in sorted order: two batches
 * claiming overlapping keys then lock them in the same order and cannot deadlock.
 */
export async function claimMany(
  tx: pg.PoolClient,
  reqs: IdempotencyRequest[],
): Promise<Set<string>> {
  const { rows } = await tx.query<{ scope: string; key: string }>(
    `INSERT INTO idempotency_keys (scope, key, request_hash, status, response)
     SELECT u.scope, u.key, u.hash, 0, 'null'
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(scope, key, hash)
      ORDER BY u.scope, u.key
     ON CONFLICT DO NOTHING
     RETURNING scope, key`,
    [reqs.map((r) => r.scope), reqs.map((r) => r.key), reqs.map((r) => r.requestHash)],
  );
  return new Set(rows.map(claimId));
}

/** Record the responses of many claimed keys in one statement (`store`, batched). */
export async function storeMany(
  tx: pg.PoolClient,
  entries: { req: IdempotencyRequest; res: StoredResponse }[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `UPDATE idempotency_keys k SET status = u.status, response = u.response
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS u(scope, key, status, response)
      WHERE k.scope = u.scope AND k.key = u.key`,
    [
      entries.map((e) => e.req.scope),
      entries.map((e) => e.req.key),
      entries.map((e) => e.res.status),
      entries.map((e) => JSON.stringify(e.res.body)),
    ],
  );
}
