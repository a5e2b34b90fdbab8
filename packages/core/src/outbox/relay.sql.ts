import type { OutboxMessage } from "./publisher";

// The relay's statements go out as multi-statement simple queries, so a batch costs two round
// trips (open + lock + fetch; mark + commit [+ open + lock + fetch the next]) instead of six.
// The simple protocol takes no parameters: the values inlined are numbers and ids this process
// produced or read back from bigint columns, checked to be digits.

/** Opens the relay's transaction, takes its lock and fetches the first `limit` pending events. */
export function openAndFetch(lock: number, limit: number): string {
  return `BEGIN;
    SET LOCAL idle_in_transaction_session_timeout = '60s';
    SELECT l.ok, o.id::text AS id, o.event_id AS "eventId", o.topic, o.key, o.value
      FROM (SELECT pg_try_advisory_xact_lock(${int(lock)}) AS ok) l
      LEFT JOIN LATERAL (
        SELECT id, event_id, topic, key, value FROM outbox
         WHERE l.ok AND sent_at IS NULL ORDER BY id LIMIT ${int(limit)}
      ) o ON true`;
}

/** Marks `ids` sent and commits. */
export function markSent(ids: readonly string[]): string {
  for (const id of ids) if (!/^\d+$/.test(id)) throw new Error(`not an outbox id: ${id}`);
  return `UPDATE outbox SET sent_at = now() WHERE id = ANY('{${ids.join(",")}}'::bigint[]);
    COMMIT`;
}

export const markFailed =
  "UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])";

/** A fetch's rows: `ok` false when another relay holds the lock; no event row when none pends. */
interface FetchRow extends Partial<OutboxMessage> {
  ok: boolean;
}

/** The messages of a fetch (the last result of a multi-statement query), or "busy". */
export function fetched(results: unknown): OutboxMessage[] | "busy" {
  const list = Array.isArray(results) ? results : [results];
  const rows = (list.at(-1) as { rows: FetchRow[] }).rows;
  if (!rows[0]?.ok) return "busy";
  return rows.filter((r): r is FetchRow & OutboxMessage => r.id != null);
}

function int(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return n;
}
