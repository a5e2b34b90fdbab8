import { createHash } from "node:crypto";

/**
 * An Idempotency-Key on a write. Its record (scope, key, request digest, response) is inserted
 * by the write's own statement, so it commits with the rows it describes (see `@gg/core/write`).
 */
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

/** `scope` and `key` joined: one key's identity, e.g. in a set of keys in flight. */
export const claimId = (req: Pick<IdempotencyRequest, "scope" | "key">): string =>
  `${req.scope}\u0000${req.key}`;
