import { describe, expect, it } from "vitest";
import { createPacer } from "../../../../packages/traffic/src/firehose/pacer";

describe("firehose pacer", () => {
  it("at max, hands out full batches at once, capped by what remains", () => {
    const p = createPacer({ rate: "max", batchSize: 100, lingerMs: 50, startMs: 0 });
    expect(p.next(0, Infinity)).toEqual({ n: 100, waitMs: 0 });
    expect(p.next(0, 30)).toEqual({ n: 30, waitMs: 0 });
  });

  it("at a rate, sends a full batch as soon as it is due", () => {
    // 1000/s, batch 100: the 100th event is due at 100 ms; linger is long.
    const p = createPacer({ rate: 1_000, batchSize: 100, lingerMs: 10_000, startMs: 0 });
    const first = p.next(0, Infinity);
    expect(first.n).toBe(0);
    expect(first.waitMs).toBe(100);
    expect(p.next(100, Infinity)).toEqual({ n: 100, waitMs: 0 });
    expect(p.next(150, Infinity).n).toBe(0);
  });

  it("sends a partial batch once its oldest event has lingered", () => {
    // 100/s, batch 1000: the first event is due at 10 ms, so linger 50 ms sends at 60 ms.
    const p = createPacer({ rate: 100, batchSize: 1_000, lingerMs: 50, startMs: 0 });
    const wait = p.next(0, Infinity);
    expect(wait).toEqual({ n: 0, waitMs: 60 });
    expect(p.next(59, Infinity).n).toBe(0);
    expect(p.next(60, Infinity)).toEqual({ n: 6, waitMs: 0 });
  });

  it("keeps the long-run rate exact over a simulated run with jittery wake-ups", () => {
    const p = createPacer({ rate: 2_500, batchSize: 64, lingerMs: 5, startMs: 0 });
    let now = 0;
    let sent = 0;
    let k = 0;
    while (now < 10_000) {
      const s = p.next(now, Infinity);
      sent += s.n;
      // Deterministic jitter: wake-ups arrive 0–3 ms late.
      now += s.n > 0 ? 0.5 : s.waitMs + (k++ % 4);
    }
    expect(sent).toBeGreaterThanOrEqual(2_500 * 10 - 64);
    expect(sent).toBeLessThanOrEqual(2_500 * 10);
  });

  it("forgives debt older than a second instead of bursting after a stall", () => {
    const p = createPacer({ rate: 1_000, batchSize: 100, lingerMs: 0, startMs: 0 });
    // Stalled for 10 s: at most one second's worth (1000) is still owed, in full batches.
    let burst = 0;
    for (let s = p.next(10_000, Infinity); s.n > 0; s = p.next(10_000, Infinity)) burst += s.n;
    expect(burst).toBe(1_000);
  });

  it("refuses nonsense", () => {
    expect(() => createPacer({ rate: 0, batchSize: 1, lingerMs: 0, startMs: 0 })).toThrow();
    expect(() => createPacer({ rate: "max", batchSize: 0, lingerMs: 0, startMs: 0 })).toThrow();
  });
});
