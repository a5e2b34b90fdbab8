import { isAppError } from "@gg/core/errors";
import { PlannerConfig } from "@gg/traffic/plan";
import { rateAt } from "@gg/traffic/rates";
import {
  DEFAULT_RATE_CEILINGS,
  rateScheduleInputOf,
  StartStream,
  validateStart,
} from "@gg/traffic/streams";
import { describe, expect, it } from "vitest";

// Start-time validation: what passes is what the runners can plan, and what fails is located in
// the request body for the 422.
const locOf = (body: unknown) => {
  try {
    validateStart(StartStream.parse(body), DEFAULT_RATE_CEILINGS);
    return null;
  } catch (e) {
    if (!isAppError(e)) throw e;
    expect(e.code).toBe("INVALID_INPUT");
    return e.loc;
  }
};

describe("validateStart", () => {
  it("reads a number rate as per second and a string with its unit, as the runners do", () => {
    const perSecond = (rate: number | string) =>
      PlannerConfig.parse({ rate: rateScheduleInputOf({ rate }) }).rate.base;
    expect(perSecond(2)).toBe(2);
    expect(perSecond("150/h")).toBeCloseTo(150 / 3600, 12);
    expect(perSecond("600/min")).toBe(10);
  });

  it("passes the profile through as the schedule's curve, ramp and bursts", () => {
    const input = StartStream.parse({
      rate: "60/min",
      profile: { bursts: [{ start: "2026-01-01T12:00:00Z", duration: "1m", multiplier: 3 }] },
    });
    expect(locOf(input)).toBeNull();
    const schedule = PlannerConfig.parse({ rate: rateScheduleInputOf(input) }).rate;
    expect(rateAt(schedule, new Date("2026-01-01T12:00:00Z"))).toBe(3);
    expect(rateAt(schedule, new Date("2026-01-01T12:01:00Z"))).toBe(1);
  });

  it.each([
    [{ rate: "quickly" }, ["body", "rate"]],
    [{ profile: { daily: { weights: [1, 2] } } }, ["body", "profile", "daily", "weights"]],
    [{ profile: { dayly: true } }, ["body", "profile", "dayly"]],
    [{ profile: { base: 1 } }, ["body", "profile", "base"]],
    [{ mix: { view: 0, comment: 0 } }, ["body", "mix"]],
    [{ viral: { flags: 1.5 } }, ["body", "viral", "flags"]],
    [{ viral: { target: "x" } }, ["body", "viral", "target"]],
    [{ data_type: "sessions", viral: {} }, ["body", "viral"]],
    [{ data_type: "sessions", mode: "poisson" }, ["body", "mode"]],
    [{ data_type: "sessions", profile: { ramp: { from: 1 } } }, ["body", "profile", "ramp", "to"]],
  ])("refuses %j at %j", (body, loc) => {
    expect(locOf(body)).toEqual(loc);
  });

  it.each([
    [{}],
    [{ rate: 0.5, mix: "realistic", mode: "simulate_viral", viral: { views: 10 } }],
    [
      {
        profile: {
          daily: true,
          ramp: { from: 10, to: 100, start: "2026-01-01", end: "2026-01-02" },
        },
      },
    ],
    [{ data_type: "users", rate: "5/s", duration: 600 }],
  ])("accepts %j", (body) => {
    expect(locOf(body)).toBeNull();
  });
});
