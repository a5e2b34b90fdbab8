import { isAppError } from "@gg/core/errors";
import { PlannerConfig } from "@gg/traffic/gourmetgram/plan";
import { rateAt, rateScheduleInputOf } from "@gg/traffic/rates";
import { DEFAULT_RATE_CEILINGS } from "@gg/traffic/scenarios";
import { StartStream, validateStart } from "@gg/traffic/streams";
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

describe("settings and the rate ceiling", () => {
  const issuesOf = (body: unknown) => {
    const parsed = StartStream.safeParse(body);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path);
  };

  it("checks settings against the stream's own scenario, located under settings", () => {
    expect(
      issuesOf({ settings: { testAccountRate: 0, sessions: { continueProbability: 0.8 } } }),
    ).toEqual([]);
    expect(issuesOf({ data_type: "users", settings: { prices: { books: [1, 2] } } })).toEqual([]);
    // A clickstream key on a GourmetGram stream, and the reverse, are refused, not ignored.
    expect(issuesOf({ settings: { prices: { books: [1, 2] } } })).toEqual([["settings"]]);
    expect(issuesOf({ data_type: "users", settings: { testAccountRate: 0 } })).toEqual([
      ["settings"],
    ]);
    expect(issuesOf({ settings: { testAccountRate: 2 } })).toEqual([
      ["settings", "testAccountRate"],
    ]);
    expect(
      issuesOf({ data_type: "users", settings: { segments: { premium: { spend: [9, 1] } } } }),
    ).toEqual([["settings", "segments", "premium", "spend"]]);
  });

  it.each([
    [{ rate: "99999999/s" }, ["body", "rate"]],
    [{ rate: "2001/s" }, ["body", "rate"]],
    [{ rate: "1500/s", profile: { daily: true } }, ["body", "profile"]],
    [
      {
        rate: "1000/s",
        profile: {
          bursts: [
            { start: "2026-01-01T12:00:00Z", duration: "10m", multiplier: 1.5 },
            { start: "2026-01-01T12:05:00Z", duration: "10m", multiplier: 1.5 },
          ],
        },
      },
      ["body", "profile"],
    ],
    [
      { profile: { ramp: { from: 1, to: "5000/s", start: "2026-01-01", end: "2026-01-02" } } },
      ["body", "profile", "ramp"],
    ],
    [{ mode: "simulate_viral", viral: { views: 200_000 } }, ["body", "viral"]],
    [{ data_type: "interactions", rate: 20_001 }, ["body", "rate"]],
  ])("refuses %j above the ceiling, at %j", (body, loc) => {
    expect(locOf(body)).toEqual(loc);
  });

  it("admits what fits, and says the ceiling and its variable when it refuses", () => {
    expect(locOf({ rate: "2000/s" })).toBeNull();
    // Non-overlapping bursts do not multiply.
    expect(
      locOf({
        rate: "1000/s",
        profile: {
          bursts: [
            { start: "2026-01-01T12:00:00Z", duration: "1m", multiplier: 1.5 },
            { start: "2026-01-01T13:00:00Z", duration: "1m", multiplier: 1.5 },
          ],
        },
      }),
    ).toBeNull();
    expect(locOf({ data_type: "interactions", rate: 20_000 })).toBeNull();
    try {
      validateStart(StartStream.parse({ rate: "5000/s" }), { gourmetgram: 4_000, clickstream: 1 });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe(
        "rate too high: this stream would fire up to 5,000 events/s, above the 4,000 events/s this deployment fires per gourmetgram stream (GENERATOR_MAX_RATE; deployed, the stage's capacity in infra/stage.ts)",
      );
    }
  });
});
