/** Real time for firing: epoch milliseconds with sub-millisecond resolution, and waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Runs `fn` after `ms` (retry backoff); fire-and-forget. */
  after(ms: number, fn: () => void): void;
}

/**
 * A clock on the monotonic timer, anchored to the wall clock when created. Create one per minute:
 * within a minute lateness is measured without NTP steps, and a long-running process re-anchors
 * every minute so it never drifts from the wall-clock minute it serves.
 */
export function monotonicClock(): Clock {
  const anchor = Date.now() - performance.now();
  return {
    now: () => anchor + performance.now(),
    // Whole milliseconds, rounded up (a timer's resolution): it never wakes before `ms` is over.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms)))),
    after: (ms, fn) => {
      setTimeout(fn, Math.max(0, ms));
    },
  };
}
