import { createRandom } from "@gg/core/random";
import { monotonicClock } from "@gg/core/time";
import {
  type AttemptOutcome,
  DEFAULT_RETRY,
  type FireOptions,
  fire,
  fireEach,
} from "@gg/traffic/gourmetgram";
import { LatenessRecorder, latenessOf } from "@gg/traffic/minute";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const SEED = Number(process.env.TEST_SEED ?? 4242);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ev {
  id: number;
  at: number;
}

/** `n` events spread uniformly over `spanMs` starting `leadMs` from now (a compressed minute). */
function schedule(n: number, spanMs: number, leadMs = 20) {
  const rng = createRandom(SEED, "fire-test");
  const t0 = monotonicClock().now() + leadMs;
  const events = Array.from({ length: n }, () => t0 + rng.next() * spanMs)
    .sort((a, b) => a - b)
    .map((at, id) => ({ id, at }));
  return events;
}

type ArrayFire = FireOptions<Ev> & { events: readonly Ev[] };

function options(
  events: Ev[],
  send: FireOptions<Ev>["send"],
  over: Partial<Omit<FireOptions<Ev>, "events">> = {},
) {
  return {
    events,
    dueAt: (e: Ev) => e.at,
    send,
    concurrency: 1000,
    retry: { ...DEFAULT_RETRY, baseMs: 5, maxMs: 20 },
    clock: monotonicClock(),
    deadline: Number.POSITIVE_INFINITY,
    random: () => 0.5,
    ...over,
  } satisfies ArrayFire;
}

/** Runs `fire` on fake timers (setTimeout and performance.now): virtual time, exact lateness. */
async function fireVirtual(o: ArrayFire) {
  const done = fire(o);
  await vi.runAllTimersAsync();
  return done;
}

describe(`fire (seed ${SEED})`, () => {
  // Virtual time makes the schedule exact and immune to a busy machine; the target's delays are
  // virtual too, so a closed loop would show up as lateness just as it would in real time.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is open loop: a slow API does not delay later events", async () => {
    const events = schedule(60, 600);
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await fireVirtual(
      options(events, async () => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await wait(200); // each answer takes far longer than the gaps between events
        inFlight--;
        return "ok";
      }),
    );
    const late = results.map((r) => r.latenessMs as number);
    // A closed loop would be ~200 ms late per earlier event (seconds by the end); open loop is
    // late by at most the timer's millisecond rounding.
    expect(Math.max(...late), `lateness ${latenessOf(late).max} ms`).toBeLessThan(1);
    expect(maxInFlight).toBeGreaterThan(5);
    expect(results.every((r) => r.outcome === "succeeded" && r.attempts === 1)).toBe(true);
    results.forEach((r, i) => {
      expect(r.sentAt as number).toBeGreaterThanOrEqual((events[i] as Ev).at - 1);
    });
  });

  it("fires each event in the millisecond it falls due: short gaps survive, no wider batch", async () => {
    // 30/s for 60 s: about 11% of a Poisson process's gaps are under 4 ms (what a 4 ms wake lost).
    const rng = createRandom(SEED, "fire-gaps");
    let at = monotonicClock().now() + 5;
    const events = Array.from({ length: 1800 }, (_, id) => {
      at += -Math.log(1 - rng.next()) * (1000 / 30);
      return { id, at };
    });
    const results = await fireVirtual(options(events, async () => "ok"));
    const sent = results.map((r) => r.sentAt as number);
    // Within its own millisecond: never more than 1 ms early, never late (virtual time is exact).
    results.forEach((r, i) => {
      const due = (events[i] as Ev).at;
      expect(Math.floor(r.sentAt as number), `event ${i}`).toBe(Math.floor(due));
    });
    const short = (times: number[]) =>
      times.slice(1).filter((t, i) => Math.floor(t) - Math.floor(times[i] as number) < 4).length;
    expect(short(sent)).toBe(short(events.map((e) => e.at)));
    expect(short(sent)).toBeGreaterThan(100);
  });

  it("bounds concurrency: due events queue and their lateness is recorded honestly", async () => {
    const events = schedule(10, 0); // all due at once
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await fireVirtual(
      options(
        events,
        async () => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          await wait(50);
          inFlight--;
          return "ok";
        },
        { concurrency: 2 },
      ),
    );
    expect(maxInFlight).toBe(2);
    // The k-th pair waits for k earlier answers of ~50 ms each.
    const late = results.map((r) => r.latenessMs as number);
    expect(late.map((l) => Math.round(l))).toEqual([0, 0, 50, 50, 100, 100, 150, 150, 200, 200]);
    expect(latenessOf(late).max).toBe(Math.round(Math.max(...late) * 1000) / 1000);
  });

  it("retries transient failures with backoff, reusing the event (and so its key)", async () => {
    const events = schedule(3, 30);
    const attempts = new Map<number, number[]>();
    const script: Record<number, AttemptOutcome[]> = {
      0: ["retry", "retry", "ok"],
      1: ["fail"],
      2: ["duplicate"],
    };
    const results = await fireVirtual(
      options(events, async (e, attempt) => {
        attempts.set(e.id, [...(attempts.get(e.id) ?? []), attempt]);
        return script[e.id]?.[attempt - 1] ?? "ok";
      }),
    );
    expect(attempts.get(0)).toEqual([1, 2, 3]);
    expect(results[0]).toMatchObject({ outcome: "succeeded", attempts: 3 });
    expect(results[1]).toMatchObject({ outcome: "failed", attempts: 1 });
    expect(results[2]).toMatchObject({ outcome: "duplicate", attempts: 1 });
  });

  it("gives up after maxAttempts when set, and counts a thrown send as transient", async () => {
    const events = schedule(1, 0);
    let calls = 0;
    const results = await fireVirtual(
      options(
        events,
        async () => {
          calls++;
          throw new TypeError("fetch failed");
        },
        { retry: { maxAttempts: 4, baseMs: 5, maxMs: 20 } },
      ),
    );
    expect(calls).toBe(4);
    expect(results[0]).toMatchObject({ outcome: "failed", attempts: 4 });
  });

  it("retries an outage until retryUntil: one that ends in time loses nothing, lateness recorded", async () => {
    const events = schedule(50, 1_000);
    const clock = monotonicClock();
    const outageEnd = clock.now() + 15_000; // far beyond 4 attempts of the old fixed policy
    const sendTimes: number[] = [];
    const results = await fireVirtual(
      options(
        events,
        async () => {
          sendTimes.push(clock.now());
          if (clock.now() < outageEnd) throw new TypeError("connect ECONNREFUSED");
          return "ok";
        },
        {
          retry: DEFAULT_RETRY,
          clock,
          random: () => 0.5,
          retryUntil: clock.now() + 30_000,
        },
      ),
    );
    expect(results.every((r) => r.outcome === "succeeded")).toBe(true);
    for (const [i, r] of results.entries()) {
      const due = (events[i] as Ev).at;
      expect(r.attempts).toBeGreaterThan(4);
      // Due → the successful attempt: the rest of the outage, plus at most one capped backoff.
      expect(r.recoveredLatenessMs as number).toBeGreaterThanOrEqual(outageEnd - due);
      expect(r.recoveredLatenessMs as number).toBeLessThanOrEqual(
        outageEnd - due + DEFAULT_RETRY.maxMs,
      );
      expect(r.latenessMs as number).toBeLessThan(1);
    }
    // Capped backoff: no event waited more than maxMs between two attempts.
    expect(sendTimes.length).toBeLessThan(50 * (15_000 / (DEFAULT_RETRY.maxMs / 2) + 8));
  });

  it("gives an event up at retryUntil when the outage outlasts it", async () => {
    const events = schedule(5, 100);
    const clock = monotonicClock();
    const retryUntil = clock.now() + 3_000;
    let last = 0;
    const results = await fireVirtual(
      options(
        events,
        async () => {
          last = clock.now();
          return "retry";
        },
        { retry: DEFAULT_RETRY, clock, retryUntil },
      ),
    );
    expect(results.every((r) => r.outcome === "failed" && r.recoveredLatenessMs === null)).toBe(
      true,
    );
    expect(last).toBeLessThan(retryUntil);
  });

  it("draws a cursor one event ahead of the clock (a large plan is not drawn before firing)", async () => {
    const events = schedule(1_000, 10_000);
    let drawn = 0;
    const drawnAtSend: number[] = [];
    let i = 0;
    const cursor = {
      next: () => {
        if (i >= events.length) return undefined;
        drawn++;
        return events[i++];
      },
    };
    const done = fireEach({
      ...options(events, async (e) => {
        drawnAtSend.push(drawn - e.id);
        return "ok";
      }),
      events: cursor,
    });
    await vi.runAllTimersAsync();
    await done;
    expect(drawnAtSend).toHaveLength(1_000);
    // When an event is sent, at most the next one has been drawn (two when equal times batch).
    expect(Math.max(...drawnAtSend)).toBeLessThanOrEqual(2);
  });

  it("starts nothing after the deadline", async () => {
    const events = schedule(20, 400);
    const deadline = (events[9] as Ev).at + 0.5 * ((events[10] as Ev).at - (events[9] as Ev).at);
    const results = await fireVirtual(options(events, async () => "ok", { deadline }));
    expect(results.slice(0, 10).every((r) => r.outcome === "succeeded")).toBe(true);
    expect(results.slice(10).every((r) => r.outcome === "unsent" && r.sentAt === null)).toBe(true);
  });
});

describe("LatenessRecorder", () => {
  it("keeps percentiles within 0.2% in fixed memory, and the maximum exactly", () => {
    const rng = createRandom(SEED, "lateness");
    const values = Array.from({ length: 100_000 }, () => rng.next() ** 3 * 400);
    const r = new LatenessRecorder();
    for (const v of values) r.record(v);
    const exact = latenessOf(values);
    const got = r.summary();
    expect(got.max).toBe(exact.max);
    for (const p of ["p50", "p99"] as const) {
      expect(Math.abs((got[p] as number) - (exact[p] as number))).toBeLessThanOrEqual(
        (exact[p] as number) * 0.002 + 0.001,
      );
    }
    expect(new LatenessRecorder().summary()).toEqual({ p50: null, p99: null, max: null });
  });
});

describe("latenessOf", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 200 }, (_, i) => i + 1); // 1..200
    expect(latenessOf(values)).toEqual({ p50: 100, p99: 198, max: 200 });
    expect(latenessOf([])).toEqual({ p50: null, p99: null, max: null });
    expect(latenessOf([7])).toEqual({ p50: 7, p99: 7, max: 7 });
  });
});
