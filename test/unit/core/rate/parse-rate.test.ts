import { AppError } from "@gg/core/errors";
import { DurationInput, parseRate, RateInput } from "@gg/core/rate";
import { describe, expect, it } from "vitest";

describe("parseRate", () => {
  it.each([
    ["150", 150 / 3600],
    [150, 150 / 3600],
    ["150.5", 150.5 / 3600],
    ["10/s", 10],
    ["600/min", 10],
    ["3000/h", 3000 / 3600],
    [" 2 / sec ", 2],
    ["0", 0],
    ["1e3/min", 1000 / 60],
  ])("%j → %d events/second", (input, perSecond) => {
    expect(parseRate(input)).toBeCloseTo(perSecond, 12);
  });

  it.each(["", "fast", "10/day", "-5", "10/s/s", "NaN", "Infinity"])(
    "rejects %j with a clear error",
    (input) => {
      let error: unknown;
      try {
        parseRate(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INVALID_INPUT");
      expect((error as AppError).message).toMatch(/bad arrival rate .*events per hour/);
    },
  );

  it("rejects negative or infinite numbers", () => {
    expect(() => parseRate(-1)).toThrow(/bad arrival rate/);
    expect(() => parseRate(Number.POSITIVE_INFINITY)).toThrow(/bad arrival rate/);
  });

  it("surfaces as a zod issue inside configuration schemas", () => {
    expect(RateInput.parse("10/s")).toBe(10);
    const r = RateInput.safeParse("ten per second");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/bad arrival rate/);
  });

  it("parses durations: seconds, or with ms/s/m/min/h", () => {
    expect(DurationInput.parse(90)).toBe(90_000);
    expect(DurationInput.parse("15m")).toBe(900_000);
    expect(DurationInput.parse("2h")).toBe(7_200_000);
    expect(DurationInput.parse("500ms")).toBe(500);
    expect(DurationInput.safeParse("soon").success).toBe(false);
    expect(DurationInput.safeParse(0).success).toBe(false);
  });
});
