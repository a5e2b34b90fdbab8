import type { Clock } from "@gg/core/time";
import { type AttemptOutcome, backoffMs, type RetryPolicy } from "./retry";

/** What became of one event. */
export interface EventResult {
  /** `unsent`: the deadline came before the event (or a concurrency slot for it) did. */
  outcome: "succeeded" | "failed" | "duplicate" | "unsent";
  /** Real time of the first attempt's dispatch; null if never sent. */
  sentAt: number | null;
  /** sentAt − the time it was due (ms, ≥ 0 up to timer granularity); null if never sent. */
  latenessMs: number | null;
  attempts: number;
  /** Succeeded on a retry: that attempt's dispatch − the time it was due (ms); else null. */
  recoveredLatenessMs: number | null;
}

export interface FireOptions<E> {
  /** Events in due order: an array, or a cursor drawn as events come due (a plan in time order). */
  events: readonly E[] | { next(): E | undefined };
  /** Real epoch ms at which the event is due. */
  dueAt: (event: E) => number;
  /** One attempt; a rejection counts as a transient (network) failure. */
  send: (event: E, attempt: number) => Promise<AttemptOutcome>;
  /** Requests in flight at most; due events beyond it queue (and their lateness grows). */
  concurrency: number;
  retry: RetryPolicy;
  clock: Clock;
  /** Real epoch ms after which no first attempt starts (the rest is `unsent`). */
  deadline: number;
  /** Real epoch ms after which no retry starts (default: `deadline`). */
  retryUntil?: number;
  /** Uniform [0, 1) draws for backoff jitter. */
  random: () => number;
  /** Called once per event as it settles, in settling order. */
  onSettled?: (event: E, result: EventResult) => void;
  /** Called after each event settles: (settled, so far dispatched or known). */
  onProgress?: (settled: number, total: number) => void;
  /** Due events waiting for a slot at most; beyond it they are given up as unsent (memory bound). */
  maxQueued?: number;
}

interface Pending<E> {
  event: E;
  result: EventResult;
  attempt: number;
}

/**
 * Fires events open-loop: each is dispatched when due, whether or not earlier ones have answered.
 * One timer sleeps until the next due event (never one timer per event); answers, retries and
 * queued events are driven by completions. A cursor is drawn one event ahead of the clock, so a
 * large minute's first event fires before the rest is planned, and memory holds only the events
 * in flight or queued. Resolves when every event has settled.
 */
export async function fireEach<E>(o: FireOptions<E>): Promise<void> {
  const events = o.events;
  const cursor = "next" in events ? events : arrayCursor(events);
  const total = "next" in events ? undefined : events.length;
  const retryUntil = o.retryUntil ?? o.deadline;
  const maxQueued = o.maxQueued ?? 100_000;
  let queue: Pending<E>[] = [];
  let head = 0;
  let inFlight = 0;
  let backingOff = 0;
  let drawn = 0;
  let settled = 0;
  let released = false;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const settle = (p: Pending<E>, outcome: EventResult["outcome"]) => {
    p.result.outcome = outcome;
    settled++;
    o.onSettled?.(p.event, p.result);
    o.onProgress?.(settled, total ?? Math.max(settled, drawn));
  };
  const checkDone = () => {
    if (released && inFlight === 0 && backingOff === 0 && head === queue.length) finish();
  };
  const start = (p: Pending<E>) => {
    const now = o.clock.now();
    const due = o.dueAt(p.event);
    if (p.attempt === 1) {
      p.result.sentAt = now;
      p.result.latenessMs = Math.max(0, now - due);
    }
    p.result.attempts = p.attempt;
    inFlight++;
    o.send(p.event, p.attempt)
      .catch((): AttemptOutcome => "retry")
      .then((outcome) => {
        inFlight--;
        if (outcome === "retry" && p.attempt < o.retry.maxAttempts) {
          const wait = backoffMs(o.retry, p.attempt, o.random());
          if (o.clock.now() + wait < retryUntil) {
            backingOff++;
            o.clock.after(wait, () => {
              backingOff--;
              admit({ ...p, attempt: p.attempt + 1 });
              checkDone();
            });
          } else settle(p, "failed");
        } else {
          if (outcome === "ok" && p.attempt > 1)
            p.result.recoveredLatenessMs = Math.max(0, now - due);
          settle(
            p,
            outcome === "ok" ? "succeeded" : outcome === "duplicate" ? "duplicate" : "failed",
          );
        }
        pump();
        checkDone();
      });
  };
  const admit = (p: Pending<E>) => {
    if (inFlight < o.concurrency && head === queue.length) start(p);
    else if (p.attempt === 1 && queue.length - head >= maxQueued) settle(p, "unsent");
    else queue.push(p);
  };
  // Queued work starts as slots free up, in order; past its deadline it is given up.
  const pump = () => {
    while (inFlight < o.concurrency && head < queue.length) {
      const p = queue[head++] as Pending<E>;
      const now = o.clock.now();
      if (p.attempt === 1 ? now < o.deadline : now < retryUntil) start(p);
      else settle(p, p.attempt === 1 ? "unsent" : "failed");
    }
    // Drop the consumed prefix once it dominates, so a long minute's queue does not grow forever.
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  };
  const pending = (event: E): Pending<E> => {
    drawn++;
    return {
      event,
      attempt: 1,
      result: {
        outcome: "unsent",
        sentAt: null,
        latenessMs: null,
        attempts: 0,
        recoveredLatenessMs: null,
      },
    };
  };

  // Sleep until the millisecond the next event is due in, then send every event due in that
  // millisecond: a timer wakes on whole milliseconds, so batching within one loses nothing, and
  // a wider batch would thin out the short gaps a Poisson process has. An event of this
  // millisecond may go out up to 1 ms before its time.
  let next = cursor.next();
  while (next !== undefined) {
    const now = o.clock.now();
    if (now >= o.deadline) break;
    const due = o.dueAt(next);
    if (Math.floor(due) > Math.floor(now)) {
      await o.clock.sleep(Math.min(Math.floor(due), o.deadline) - now);
      continue;
    }
    const edge = Math.floor(now) + 1;
    while (next !== undefined && o.dueAt(next) < edge) {
      admit(pending(next));
      next = cursor.next();
    }
  }
  for (; next !== undefined; next = cursor.next()) settle(pending(next), "unsent");
  released = true;
  checkDone();
  await finished;
}

/** `fireEach` over an array, with each event's result at its index. */
export async function fire<E>(
  o: Omit<FireOptions<E>, "events"> & { events: readonly E[] },
): Promise<EventResult[]> {
  const indexed = o.events.map((event, i) => ({ event, i }));
  const results: EventResult[] = new Array(indexed.length);
  await fireEach({
    ...o,
    events: indexed,
    dueAt: (x) => o.dueAt(x.event),
    send: (x, attempt) => o.send(x.event, attempt),
    onSettled: (x, r) => {
      results[x.i] = r;
      o.onSettled?.(x.event, r);
    },
  });
  return results;
}

function arrayCursor<E>(events: readonly E[]): { next(): E | undefined } {
  let i = 0;
  return { next: () => (i < events.length ? events[i++] : undefined) };
}
