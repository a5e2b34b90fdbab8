import { EVENT_TIME_HEADER } from "@gg/core/db";
import { invalidInput } from "@gg/core/errors";
import type { WriteResult, Writer } from "@gg/core/write";
import type { Context } from "hono";

/**
 * Hand a write to its writer (group commit: it shares one statement, one round trip and one
 * commit with the requests that arrive with it), honouring `Idempotency-Key`: the key's record
 * commits with the rows, so a retry replays the first answer or, if the first attempt failed,
 * does the work once. `at` is when the request arrived: its row's `created_at`. `digest` names
 * the request for its key (computed only when there is a key).
 */
export function submitWrite<I>(
  c: Context,
  writer: Writer<I>,
  input: I,
  digest: () => string,
  at: Date,
): Promise<WriteResult> {
  const key = c.req.header("idempotency-key");
  if (key && key.length > 255) {
    throw invalidInput("Idempotency-Key is longer than 255 characters", {
      loc: ["header", "idempotency-key"],
    });
  }
  const idempotency = key
    ? { scope: `${c.req.method} ${c.req.routePath}`, key, requestHash: digest() }
    : undefined;
  const eventTime = parseEventTime(c.req.header(EVENT_TIME_HEADER));
  return writer.submit({ input, at, eventTime, idempotency });
}

// The generator's planned time of the request; the planning logs file the write under it.
function parseEventTime(header: string | undefined): Date | undefined {
  if (header === undefined) return undefined;
  const at = new Date(header);
  if (!/^\d{4}-\d\d-\d\dT/.test(header) || Number.isNaN(at.getTime())) {
    throw invalidInput(`${EVENT_TIME_HEADER} must be an ISO-8601 time`, {
      loc: ["header", EVENT_TIME_HEADER],
    });
  }
  return at;
}

/**
 * Answer a write with the body the database rendered (the stored one for a replay), as is: no
 * parse and re-serialise on the way out. Replays are marked so clients and tests can tell.
 */
export function respond(c: Context, result: WriteResult) {
  if (result.replayed) c.header("Idempotent-Replayed", "true");
  c.header("content-type", "application/json");
  return c.body(result.body, 200) as never;
}
