import { fromPgError } from "@gg/core/db";
import { isAppError } from "@gg/core/errors";
import type { Clock } from "@gg/core/time";

/** Time as the retry loop sees it: injectable, so tests run a three-minute wait in no time. */
export type RetryClock = Pick<Clock, "now" | "sleep">;

export interface RetryOptions {
  /** Give up once this long has passed since the first attempt (default 3 minutes). */
  withinMs?: number;
  clock?: RetryClock;
  /** Told of each failed attempt that will be retried. */
  onRetry?: (attempt: number, error: unknown, waitMs: number) => void;
}

const realClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Whether waiting may help: a dependency that did not answer (UNAVAILABLE: on a first deploy the
 * NAT instance may still be booting), but not credentials a broker refused, which no wait fixes.
 */
export function isTransient(e: unknown): boolean {
  const error = isAppError(e) ? e : fromPgError(e);
  if (!error.retriable) return false;
  const causes: unknown[] = [];
  for (let c: unknown = error; c && causes.length < 5; c = (c as { cause?: unknown }).cause) {
    causes.push(c);
  }
  return !causes.some((c) => /Authentication/.test(String((c as Error).name)));
}

/**
 * Runs `attempt` until it succeeds, retrying transient failures with a doubling wait (2 s up to
 * 15 s) until `withinMs` has passed; then the last error is thrown. Only for idempotent work.
 */
export async function retryTransient<T>(
  attempt: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const clock = options.clock ?? realClock;
  const deadline = clock.now() + (options.withinMs ?? 180_000);
  for (let n = 1, wait = 2_000; ; n++, wait = Math.min(wait * 2, 15_000)) {
    try {
      return await attempt();
    } catch (e) {
      if (!isTransient(e) || clock.now() + wait > deadline) throw e;
      options.onRetry?.(n, e, wait);
      await clock.sleep(wait);
    }
  }
}
