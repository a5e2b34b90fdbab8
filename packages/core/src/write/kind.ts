import type { AppError } from "../errors/index";
import type { IdempotencyRequest } from "../idempotency/index";
import type { OutboxRow } from "../outbox/index";

/** One request's write, as the API hands it over. */
export interface WriteRequest<I> {
  input: I;
  /**
   * When the request arrived: its row's `created_at` and its event's timestamp (to the microsecond
   * when it is a MicroDate, as the API's clock gives it).
   */
  at: Date;
  /** The generator's planned time (`x-gg-event-time`), which files the write in the planning logs. */
  eventTime?: Date | undefined;
  idempotency?: IdempotencyRequest | undefined;
}

/** What a write answers: the response body (JSON text), stored or replayed. */
export interface WriteResult {
  body: string;
  /** True when the body is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/** A request rendered for the statement: its column values and its event. */
export interface Rendered {
  values: readonly unknown[];
  event?: OutboxRow;
}

/** A per-request check, made in SQL over the request's input row `i` before anything is written. */
export interface Check {
  /** True when the request must fail, e.g. `NOT EXISTS (SELECT 1 FROM users u WHERE u.id = i.user_id)`. */
  failsWhen: string;
  error(): AppError;
}

/**
 * One kind of write (a user, a comment, a view...) as one set-based statement for many requests:
 * the statement around it (see statement.ts) unpacks the requests into `input`, answers replays of
 * stored Idempotency-Keys, runs the checks, writes the rows through `write`, inserts the events
 * and the idempotency records, and answers each request by its ordinal.
 */
export interface WriteKind<I> {
  /** Names the prepared statement. */
  name: string;
  /** The request's own columns, `[name, Postgres type]`, in the order of `render`'s values. */
  columns: readonly (readonly [string, string])[];
  /** The request's values and event; throws (an AppError) to refuse the request at once. */
  render(req: WriteRequest<I>): Rendered;
  checks: readonly Check[];
  /**
   * CTEs that write the rows of `todo` (the columns above, `event_at` and `ord`) and end with
   * `answered (ord, body)`: each written request's response body as JSON text.
   */
  write: string;
  /** The topic every event of this kind goes to; none: the kind publishes no event. */
  topic?: string;
  /** SQL (over `todo`) of the JSON map the planning logs read (migration 0010); default: id → time. */
  eventTimes?: string;
  /** Translates a driver error of the statement, naming missing rows in the client's words. */
  translate(error: unknown): AppError;
  /** Values two requests of one write must not share besides their Idempotency-Key. */
  exclusive?(input: I): readonly string[];
  /** The error of a request that passed its checks but was not written (a row gone meanwhile). */
  unwritten?(): AppError;
}

/** Declares a kind (an identity function that checks the shape and infers `I`). */
export const defineKind = <I>(kind: WriteKind<I>): WriteKind<I> => kind;
