import { isoMicro, MicroDate, microClock, microsOf, toMicros } from "@gg/core/time";
import { describe, expect, it } from "vitest";

describe("MicroDate", () => {
  it("is a Date that keeps the microseconds below its millisecond", () => {
    const d = new MicroDate(1_796_000_000_123_456);
    expect(d).toBeInstanceOf(Date);
    expect(d.getTime()).toBe(1_796_000_000_123);
    expect(microsOf(d)).toBe(456);
    expect(toMicros(d)).toBe(1_796_000_000_123_456);
    expect(isoMicro(d)).toBe("2026-11-30T00:53:20.123456+00:00");
    // A plain Date has none; an explicit value still wins.
    expect(isoMicro(new Date(1_796_000_000_123))).toBe("2026-11-30T00:53:20.123000+00:00");
    expect(isoMicro(d, 7)).toBe("2026-11-30T00:53:20.123007+00:00");
  });
});

describe("microClock", () => {
  it("reads the wall clock to the microsecond on the monotonic timer", () => {
    let wall = 1_000_000;
    let mono = 5.25;
    const now = microClock(
      () => wall,
      () => mono,
    );
    expect(toMicros(now())).toBe(1_000_000_000);
    mono += 0.7371;
    wall += 0; // still inside the same millisecond of the wall clock
    expect(toMicros(now())).toBe(1_000_000_737);
    mono += 3.2;
    wall += 3;
    expect(toMicros(now())).toBe(1_000_003_937);
  });

  it("takes its anchor again when the wall clock is stepped, and never before", () => {
    let wall = 1_000_000;
    let mono = 0;
    const now = microClock(
      () => wall,
      () => mono,
    );
    // The wall clock is a millisecond behind the monotonic reading: inside the step, kept.
    mono += 10.5;
    wall += 9;
    expect(toMicros(now())).toBe(1_000_010_500);
    // Stepped back a second: the reading follows the wall clock, to the middle of its millisecond.
    mono += 1;
    wall += 1 - 1_000;
    expect(toMicros(now())).toBe(wall * 1000 + 500);
    mono += 0.25;
    expect(toMicros(now())).toBe(wall * 1000 + 750);
  });

  it("reads both clocks inside a bracket of the wall clock, and re-anchors only on a tight one", () => {
    // The reading between two wall-clock reads 6 ms apart (a paused thread, or a step between
    // them) looks off by more than a step; a loose bracket proves nothing, so the anchor stays.
    const walls = [1_000_000, 1_000_020, 1_000_026];
    let mono = 0;
    const now = microClock(
      () => walls.shift() ?? 0,
      () => mono,
    );
    mono = 30;
    expect(toMicros(now())).toBe(1_000_030_000);
  });

  it("the real one has microseconds and never goes back", () => {
    const now = microClock();
    let last = toMicros(now());
    let fractional = 0;
    for (let i = 0; i < 2_000; i++) {
      const before = Date.now();
      const t = now();
      const after = Date.now();
      expect(toMicros(t)).toBeGreaterThanOrEqual(last);
      // Within the step it allows of the wall clock read with it (a loaded machine may pause
      // between any two of these reads).
      expect(t.getTime()).toBeGreaterThanOrEqual(before - 2);
      expect(t.getTime()).toBeLessThanOrEqual(after + 3);
      if (microsOf(t) !== 0) fractional += 1;
      last = toMicros(t);
    }
    expect(fractional).toBeGreaterThan(1_000);
  });
});
