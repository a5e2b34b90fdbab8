/** What the producing loop should do next: send `n` events now, or wait `waitMs` and ask again. */
type PacerStep = { n: number; waitMs: 0 } | { n: 0; waitMs: number };

export interface PacerOptions {
  /** Target events per second, or "max" (send full batches as fast as acks allow). */
  rate: number | "max";
  batchSize: number;
  /** At a target rate, how long events may wait for their batch to fill before it goes anyway. */
  lingerMs: number;
  startMs: number;
  /**
   * Seconds of backlog kept when the loop falls behind (a slow broker); older debt is dropped so
   * the rate does not overshoot in a burst afterwards (default 1).
   */
  maxDebtSeconds?: number;
}

export interface Pacer {
  /** The next step at time `nowMs`, sending no more than `remaining` events. */
  next(nowMs: number, remaining: number): PacerStep;
}

/**
 * Paces batches to a target rate: events become due at `rate` per second from `startMs`; a batch
 * goes when `batchSize` are due, or when the oldest due event has lingered `lingerMs`.
 */
export function createPacer(options: PacerOptions): Pacer {
  const { rate, batchSize, lingerMs } = options;
  if (!(batchSize >= 1)) throw new RangeError("batchSize must be >= 1");
  if (rate === "max") {
    return { next: (_now, remaining) => step(Math.min(batchSize, remaining)) };
  }
  if (!(rate > 0)) throw new RangeError("rate must be > 0 or 'max'");
  const maxDebt = Math.max(batchSize, rate * (options.maxDebtSeconds ?? 1));
  const perEventMs = 1_000 / rate;
  // `origin` moves forward when old debt is forgiven; `issued` counts events handed out since it.
  let origin = options.startMs;
  let issued = 0;
  return {
    next(now, remaining) {
      let due = Math.floor((now - origin) / perEventMs) - issued;
      if (due > maxDebt) {
        origin += (due - maxDebt) * perEventMs;
        due = maxDebt;
      }
      const cap = Math.min(batchSize, remaining);
      // When the oldest due event became due: it has waited long enough once that is lingerMs ago.
      const oldestDueAt = origin + (issued + 1) * perEventMs;
      if (due >= cap || (due > 0 && now - oldestDueAt >= lingerMs)) {
        const n = Math.min(due, cap);
        issued += n;
        return step(n);
      }
      const fullAt = origin + (issued + cap) * perEventMs;
      const wakeAt = Math.min(fullAt, oldestDueAt + lingerMs);
      return { n: 0, waitMs: Math.max(1, Math.ceil(wakeAt - now)) };
    },
  };
}

const step = (n: number): PacerStep => (n > 0 ? { n, waitMs: 0 } : { n: 0, waitMs: 1 });
