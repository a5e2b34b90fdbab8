import type { Clock } from "./clock";
import { type AttemptOutcome, backoffMs, type RetryPolicy } from "./retry";

/** What became of one event. */
export interface EventResult {
  /** `unsent`: the deadline came before a concurrency slot did. */
  outcome: "succeeded" | "failed" | "duplicate" | "unsent";
  /** Real time of the first attempt's dispatch; null if never sent. */
  sentAt: number | null;
  /** sentAt − the time it was due (ms, ≥ 0 up to timer granularity); null if never sent. */
  latenessMs: number | null;
  attempts: number;
}

export interface FireOptions<E> {
  /** Sorted by `dueAt`. */
  events: readonly E[];
  /** Real epoch ms at which the event is due. */
  dueAt: (event: E) => number;
  /** One attempt; a rejection counts as a transient (network) failure. */
  send: (event: E, attempt: number) => Promise<AttemptOutcome>;
  /** Requests in flight at most; due events beyond it queue (and their lateness grows). */
  concurrency: number;
  retry: RetryPolicy;
  clock: Clock;
  /** Real epoch ms after which no attempt starts. */
  deadline: number;
  /** Uniform [0, 1) draws for backoff jitter. */
  random: () => number;
  /** Called after each event settles: (settled, total). */
  onProgress?: (settled: number, total: number) => void;
}

interface Pending {
  index: number;
  attempt: number;
}

/**
 * Fires events open-loop: each is dispatched when due, whether or not earlier ones have answered.
 * One timer sleeps until the next due event (never one timer per event); answers, retries and
 * queued events are driven by completions. Resolves when every event has settled.
 */
export async function fire<E>(o: FireOptions<E>): Promise<EventResult[]> {
  const total = o.events.length;
  const results: EventResult[] = o.events.map(() => ({
    outcome: "unsent",
    sentAt: null,
    latenessMs: null,
    attempts: 0,
  }));
  const queue: Pending[] = [];
  let head = 0;
  let inFlight = 0;
  let backingOff = 0;
  let settled = 0;
  let released = false;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const settle = (index: number, outcome: EventResult["outcome"]) => {
    (results[index] as EventResult).outcome = outcome;
    settled++;
    o.onProgress?.(settled, total);
  };
  const checkDone = () => {
    if (released && inFlight === 0 && backingOff === 0 && head === queue.length) finish();
  };
  const start = (p: Pending) => {
    const r = results[p.index] as EventResult;
    const event = o.events[p.index] as E;
    if (p.attempt === 1) {
      r.sentAt = o.clock.now();
      r.latenessMs = Math.max(0, r.sentAt - o.dueAt(event));
    }
    r.attempts = p.attempt;
    inFlight++;
    o.send(event, p.attempt)
      .catch((): AttemptOutcome => "retry")
      .then((outcome) => {
        inFlight--;
        if (outcome === "retry" && p.attempt < o.retry.maxAttempts) {
          const wait = backoffMs(o.retry, p.attempt, o.random());
          if (o.clock.now() + wait < o.deadline) {
            backingOff++;
            o.clock.after(wait, () => {
              backingOff--;
              admit({ index: p.index, attempt: p.attempt + 1 });
              checkDone();
            });
          } else settle(p.index, "failed");
        } else {
          settle(
            p.index,
            outcome === "ok" ? "succeeded" : outcome === "duplicate" ? "duplicate" : "failed",
          );
        }
        pump();
        checkDone();
      });
  };
  const admit = (p: Pending) => {
    if (inFlight < o.concurrency && head === queue.length) start(p);
    else queue.push(p);
  };
  // Queued work starts as slots free up, in order; past the deadline it is given up.
  const pump = () => {
    while (inFlight < o.concurrency && head < queue.length) {
      const p = queue[head++] as Pending;
      if (o.clock.now() < o.deadline) start(p);
      else settle(p.index, p.attempt === 1 ? "unsent" : "failed");
    }
  };

  let next = 0;
  while (next < total) {
    const now = o.clock.now();
    if (now >= o.deadline) break;
    const due = o.dueAt(o.events[next] as E);
    if (due > now) {
      await o.clock.sleep(Math.min(due, o.deadline) - now);
      continue;
    }
    while (next < total && o.dueAt(o.events[next] as E) <= now)
      admit({ index: next++, attempt: 1 });
  }
  for (; next < total; next++) settle(next, "unsent");
  released = true;
  checkDone();
  await finished;
  return results;
}
