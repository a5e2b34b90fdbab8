import { DEFAULT_DAILY_WEIGHTS, peakRate, RateSchedule, rateAt } from "@gg/traffic/rates";
import { describe, expect, it } from "vitest";

const at = (iso: string) => new Date(iso);
const day = Date.parse("2026-11-23T00:00:00Z");

describe("rate schedules", () => {
  it("defaults to the original's 150 events/hour, constant", () => {
    const s = RateSchedule.parse({});
    expect(rateAt(s, at("2026-11-23T03:00:00Z"))).toBeCloseTo(150 / 3600, 12);
    expect(rateAt(s, at("2026-11-23T19:00:00Z"))).toBeCloseTo(150 / 3600, 12);
  });

  it("a daily curve keeps the base as its daily mean, with night lows and meal peaks", () => {
    const s = RateSchedule.parse({ base: "10/s", daily: true });
    let sum = 0;
    for (let m = 0; m < 1440; m++) sum += rateAt(s, new Date(day + m * 60_000));
    expect(sum / 1440).toBeCloseTo(10, 9);
    const hour = (h: number) => rateAt(s, new Date(day + h * 3_600_000));
    expect(hour(12)).toBeGreaterThan(2 * hour(9) * 0.9);
    expect(hour(19)).toBe(Math.max(...Array.from({ length: 24 }, (_, h) => hour(h))));
    expect(hour(3)).toBe(Math.min(...Array.from({ length: 24 }, (_, h) => hour(h))));
    expect(DEFAULT_DAILY_WEIGHTS).toHaveLength(24);
  });

  it("a daily curve shifts with the audience's UTC offset and accepts custom weights", () => {
    const weights = Array.from({ length: 24 }, (_, h) => (h === 12 ? 1 : 0));
    const s = RateSchedule.parse({ base: 1, daily: { weights, utcOffsetMinutes: 120 } });
    expect(rateAt(s, at("2026-11-23T10:30:00Z"))).toBeCloseTo((24 * 1) / 3600, 12);
    expect(rateAt(s, at("2026-11-23T12:30:00Z"))).toBe(0);
    expect(RateSchedule.safeParse({ daily: { weights: [1, 2] } }).success).toBe(false);
    expect(RateSchedule.safeParse({ daily: { weights: Array(24).fill(0) } }).success).toBe(false);
  });

  it("a ramp goes linearly from `from` to `to`, holding either end outside its window", () => {
    const s = RateSchedule.parse({
      ramp: { from: "1/s", to: "11/s", start: "2026-11-23T10:00:00Z", end: "2026-11-23T10:10:00Z" },
    });
    expect(rateAt(s, at("2026-11-23T09:00:00Z"))).toBe(1);
    expect(rateAt(s, at("2026-11-23T10:00:00Z"))).toBeCloseTo(1.5, 12); // the minute's mean
    expect(rateAt(s, at("2026-11-23T10:05:00Z"))).toBeCloseTo(6.5, 12);
    expect(rateAt(s, at("2026-11-23T11:00:00Z"))).toBe(11);
    expect(
      RateSchedule.safeParse({
        ramp: { from: 1, to: 2, start: "2026-11-23T10:00:00Z", end: "2026-11-23T09:00:00Z" },
      }).success,
    ).toBe(false);
  });

  it("bursts multiply, in proportion to the part of the minute they cover, and compose", () => {
    const s = RateSchedule.parse({
      base: "1/s",
      daily: { weights: Array(24).fill(1) },
      bursts: [
        { start: "2026-11-23T10:00:00Z", duration: "5m", multiplier: 10 },
        { start: "2026-11-23T10:02:30Z", duration: 30, multiplier: 3 },
      ],
    });
    expect(rateAt(s, at("2026-11-23T09:59:00Z"))).toBe(1);
    expect(rateAt(s, at("2026-11-23T10:00:00Z"))).toBe(10);
    expect(rateAt(s, at("2026-11-23T10:02:00Z"))).toBe(10 * 2); // half the minute at ×3
    expect(rateAt(s, at("2026-11-23T10:05:00Z"))).toBe(1);
  });

  it("reads the minute a Date falls in, so any instant of it gives that minute's rate", () => {
    const s = RateSchedule.parse({
      bursts: [{ start: "2026-11-23T10:00:00Z", duration: 60, multiplier: 2 }],
    });
    expect(rateAt(s, at("2026-11-23T10:00:59.999Z"))).toBe(rateAt(s, at("2026-11-23T10:00:00Z")));
  });
});

describe("a schedule whose bursts multiply past float range", () => {
  const start = "2026-12-01T10:00:00Z";
  const huge = (base: string) =>
    RateSchedule.parse({
      base,
      bursts: [
        { start, duration: "1h", multiplier: 1e308 },
        { start, duration: "1h", multiplier: 1e308 },
      ],
    });

  it("fires nothing at base 0: peak and rate are 0, never NaN (which passes every ceiling)", () => {
    expect(peakRate(huge("0/s"))).toBe(0);
    expect(rateAt(huge("0/s"), new Date(start))).toBe(0);
  });

  it("is an infinite peak otherwise, above any ceiling", () => {
    expect(peakRate(huge("10/s"))).toBe(Number.POSITIVE_INFINITY);
    expect(peakRate(huge("10/s")) > 1e9).toBe(true);
  });
});
