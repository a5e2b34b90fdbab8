/**
 * How failed attempts are retried: exponential backoff with jitter, capped, until the minute's
 * retry deadline (its end plus a grace), or a fixed number of attempts when `maxAttempts` is set.
 */
export interface RetryPolicy {
  /** Attempts per event, the first included (Infinity: until the deadline). */
  maxAttempts: number;
  /** Backoff before the first retry; doubles per retry. */
  baseMs: number;
  /** Cap on one backoff. */
  maxMs: number;
}

/**
 * Until the deadline: an outage of the API that ends inside the minute costs lateness, never an
 * event. The 2 s cap keeps a recovered API from waiting long for the backlog to come back.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: Number.POSITIVE_INFINITY,
  baseMs: 100,
  maxMs: 2_000,
};

/** What one attempt came to. `retry` is a transient failure (5xx, 429, network, timeout). */
export type AttemptOutcome = "ok" | "retry" | "fail" | "duplicate";

/**
 * The wait before attempt `attempt + 1` after attempt `attempt` failed: "equal jitter", half the
 * exponential step plus a random half, so retries of a burst spread out but never come back at once.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, attempt - 1));
  return step / 2 + (step / 2) * random;
}

/**
 * An HTTP answer as an outcome. 5xx, 408 and 429 are transient (the same idempotency key makes a
 * retry safe). A 409 naming the Idempotency-Key means the key was already used for this event with
 * a different body, by an earlier run of the minute: done before, not to be done again. Any other
 * 409 (a serialisation conflict) is transient; other 4xx are the request's fault, not retried.
 */
export function classifyStatus(status: number, detail: string): AttemptOutcome {
  if (status >= 200 && status < 300) return "ok";
  if (status === 409) return /idempotency/i.test(detail) ? "duplicate" : "retry";
  if (status === 408 || status === 429 || status >= 500) return "retry";
  return "fail";
}
