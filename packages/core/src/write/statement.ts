import { isoMicro } from "../time/index";
import type { Rendered, WriteKind, WriteRequest } from "./kind";

// Every request also carries its Idempotency-Key (scope, key, digest; null without one), when it
// arrived, its planned time for the planning logs, and, for kinds with a topic, its rendered event.
const COMMON = [
  ["idem_scope", "text"],
  ["idem_key", "text"],
  ["idem_hash", "text"],
  ["arrived_at", "timestamptz"],
  ["event_at", "timestamptz"],
] as const;
const EVENT = [
  ["event_id", "uuid"],
  ["event_key", "text"],
  ["event", "text"],
] as const;

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * The one statement that writes a batch of `kind`, for one round trip and one commit (a single
 * statement is its own transaction). Reads, in order of data flow:
 * - `prior`: requests whose key is already stored replay its answer (or conflict) and write nothing;
 * - `checked`: the kind's checks (a missing image...) fail a request alone, so no statement error
 *   aborts the others (a failed statement would roll back the whole batch);
 * - the kind's `write`, over the rest (`todo`), answering `answered (ord, body)`;
 * - `events` and `claims`: the outbox rows and idempotency records of what was written (a record
 *   dated like its row: when its request arrived, not when the shared statement ran). A key
 *   claimed meanwhile by another transaction makes the INSERT wait for it and then fail with a
 *   unique violation: the caller retries such a batch request by request (see writer.ts);
 * - `times`: the planning logs' per-row times, read by the triggers at the end of the statement.
 * Rows come back in request order, one per request.
 */
export function batchStatement<I>(kind: WriteKind<I>): string {
  const columns = [...kind.columns, ...COMMON, ...(kind.topic ? EVENT : [])];
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const names = columns.map(([name]) => name).join(", ");
  const failed = kind.checks.length
    ? `CASE ${kind.checks.map((c, i) => `WHEN ${c.failsWhen} THEN ${i + 1}`).join(" ")} END`
    : "NULL::int";
  const times =
    kind.eventTimes ??
    "(SELECT json_object_agg(id, event_at) FROM todo WHERE event_at IS NOT NULL)";
  const events = kind.topic
    ? `events AS (
    INSERT INTO outbox (event_id, topic, key, value)
    SELECT t.event_id, ${literal(kind.topic)}, t.event_key, t.event
      FROM todo t JOIN answered a ON a.ord = t.ord ORDER BY t.ord
  ),`
    : "";
  return `
  WITH input AS (
    SELECT * FROM unnest(${arrays}) WITH ORDINALITY AS i(${names}, ord)
  ), prior AS (
    SELECT i.ord, k.request_hash, k.response
      FROM input i JOIN idempotency_keys k ON k.scope = i.idem_scope AND k.key = i.idem_key
  ), checked AS (
    SELECT i.*, ${failed} AS failed
      FROM input i WHERE NOT EXISTS (SELECT 1 FROM prior p WHERE p.ord = i.ord)
  ), todo AS (
    SELECT * FROM checked WHERE failed IS NULL
  ), ${kind.write}, ${events} claims AS (
    INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at)
    SELECT t.idem_scope, t.idem_key, t.idem_hash, 200, a.body, t.arrived_at
      FROM todo t JOIN answered a ON a.ord = t.ord
     WHERE t.idem_key IS NOT NULL
     ORDER BY t.idem_scope, t.idem_key
  ), times AS (
    SELECT set_config('gg.event_times', coalesce(${times}, '{}')::text, true)
  )
  SELECT i.ord::int AS ord, a.body, p.request_hash AS prior_hash, p.response AS prior_body,
         c.failed
    FROM input i CROSS JOIN times
    LEFT JOIN answered a ON a.ord = i.ord
    LEFT JOIN prior p ON p.ord = i.ord
    LEFT JOIN checked c ON c.ord = i.ord
   ORDER BY i.ord`;
}

/** A request with its rendered values, ready for `batchParams`. */
export interface Prepared<I> {
  req: WriteRequest<I>;
  rendered: Rendered;
}

/** The statement's parameters: one array per column, in `batchStatement`'s order. */
export function batchParams<I>(kind: WriteKind<I>, batch: readonly Prepared<I>[]): unknown[][] {
  const own = kind.columns.map((_, c) => batch.map((p) => p.rendered.values[c] ?? null));
  const key = (f: "scope" | "key" | "requestHash") =>
    batch.map((p) => p.req.idempotency?.[f] ?? null);
  const common = [
    key("scope"),
    key("key"),
    key("requestHash"),
    // To the microsecond when `at` carries it (the API's clock): the record is dated like its row.
    batch.map((p) => isoMicro(p.req.at)),
    batch.map((p) => p.req.eventTime?.toISOString() ?? null),
  ];
  if (!kind.topic) return [...own, ...common];
  const event = (f: "eventId" | "key" | "value") => batch.map((p) => p.rendered.event?.[f] ?? null);
  return [...own, ...common, event("eventId"), event("key"), event("value")];
}
