import { invalidInput } from "@gg/core/errors";
import { formatRate } from "@gg/core/rate";
import type { z } from "zod";
import { CEILING_SOURCES, peakRate, type RateCeilings, RateSchedule } from "../rates/index";
import {
  ClickstreamSettings,
  DEFAULT_CLICKSTREAM_CONFIG,
  worldBytes,
} from "../scenarios/clickstream/model/index";
import { PlannerConfig, ViralConfig } from "../scenarios/gourmetgram/plan/index";
import type { StartStream } from "./schema";

type Loc = (string | number)[];

/**
 * The RateSchedule input a stream's `rate` and `profile` describe, as both runners read them: a
 * number `rate` is per SECOND, a string carries its unit, and `profile` adds the daily curve,
 * ramp and bursts around that base.
 */
export function rateScheduleInputOf(config: Pick<StartStream, "rate" | "profile">) {
  const rate = config.rate;
  return { ...config.profile, base: typeof rate === "number" ? `${rate}/s` : rate };
}

/**
 * Checks a stream's configuration the way its runner will read it, so a bad one is a 422 at
 * `POST /stream/start` rather than a failing minute later. Stricter than the runners: keys they
 * would silently ignore (a typo in `profile`, GourmetGram options on a clickstream) are refused,
 * and so is a stream whose peak rate is above what the deployment fires (`ceilings`).
 * Throws INVALID_INPUT located in the request body.
 */
export function validateStart(input: StartStream, ceilings: RateCeilings): void {
  const profile = input.profile ?? {};
  unknownKeys(profile, Object.keys(RateSchedule.shape), ["profile"], "a rate profile");
  if ("base" in profile) {
    throw invalidInput("the base rate is `rate`, not `profile.base`", {
      loc: ["body", "profile", "base"],
    });
  }
  if (input.scenario === "clickstream") {
    for (const key of ["mix", "mode", "viral"] as const) {
      if (input[key] !== undefined) {
        throw invalidInput(`${key} belongs to the gourmetgram scenario`, { loc: ["body", key] });
      }
    }
    const schedule = RateSchedule.safeParse(rateScheduleInputOf(input));
    check(schedule, (path) => ratePath(path));
    if (schedule.success) checkCeiling(input, schedule.data, 0, ceilings.clickstream);
    return;
  }
  unknownKeys(input.viral ?? {}, Object.keys(ViralConfig.shape), ["viral"], "viral");
  const planner = PlannerConfig.safeParse({
    mode: input.mode,
    mix: input.mix,
    viral: input.viral,
    rate: rateScheduleInputOf(input),
  });
  check(planner, (path) => (path[0] === "rate" ? ratePath(path.slice(1)) : path));
  if (!planner.success) return;
  const { mode, viral, rate } = planner.data;
  // Viral mode fires its burst every minute, beside the Poisson traffic only when asked to.
  const viralPerSecond =
    mode === "simulate_viral" ? (viral.views + viral.comments + viral.flags) / 60 : 0;
  const background = mode === "poisson" || viral.background;
  checkCeiling(input, background ? rate : null, viralPerSecond, ceilings.gourmetgram);
}

function checkCeiling(
  input: StartStream,
  schedule: RateSchedule | null,
  extraPerSecond: number,
  ceiling: number,
): void {
  const base = schedule
    ? schedule.ramp
      ? Math.max(schedule.ramp.from, schedule.ramp.to)
      : schedule.base
    : 0;
  const peak = (schedule ? peakRate(schedule) : 0) + extraPerSecond;
  if (peak <= ceiling) return;
  const loc: Loc =
    extraPerSecond > ceiling
      ? ["viral"]
      : schedule?.ramp
        ? ["profile", "ramp"]
        : base + extraPerSecond > ceiling
          ? ["rate"]
          : ["profile"];
  throw invalidInput(
    `rate too high: this stream would fire up to ${formatRate(peak)}, above the ${formatRate(ceiling)} ` +
      `this deployment fires per ${input.scenario} stream (${CEILING_SOURCES[input.scenario]})`,
    { loc: ["body", ...loc] },
  );
}

/**
 * The highest rate (events/second) a valid stream configuration fires in any minute, as
 * `validateStart` bounds it; 0 for one that does not parse (it fires nothing).
 */
export function streamPeakRate(input: StartStream): number {
  if (input.scenario === "clickstream") {
    const schedule = RateSchedule.safeParse(rateScheduleInputOf(input));
    return schedule.success ? peakRate(schedule.data) : 0;
  }
  const planner = PlannerConfig.safeParse({
    mode: input.mode,
    mix: input.mix,
    viral: input.viral,
    rate: rateScheduleInputOf(input),
  });
  if (!planner.success) return 0;
  const { mode, viral, rate } = planner.data;
  if (mode === "poisson") return peakRate(rate);
  return (
    (viral.background ? peakRate(rate) : 0) + (viral.views + viral.comments + viral.flags) / 60
  );
}

/**
 * The memory (`worldBytes`) the world of a clickstream stream holds in the generator while it
 * runs: its settings' `users` and `products`, or the defaults; 0 for a GourmetGram stream.
 */
export function streamWorldBytes(input: StartStream): number {
  if (input.scenario !== "clickstream") return 0;
  const own = ClickstreamSettings.safeParse(input.settings ?? {});
  const size = own.success ? own.data : {};
  return worldBytes({
    users: size.users ?? DEFAULT_CLICKSTREAM_CONFIG.users,
    products: size.products ?? DEFAULT_CLICKSTREAM_CONFIG.products,
  });
}

// RateSchedule's `base` is the request's `rate`; its other keys come from `profile`.
const ratePath = (path: Loc): Loc => (path[0] === "base" ? ["rate"] : ["profile", ...path]);

function check(result: z.ZodSafeParseResult<unknown>, locate: (path: Loc) => Loc): void {
  if (result.success) return;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p));
  throw invalidInput(issue?.message ?? "invalid stream configuration", {
    loc: ["body", ...locate(path)],
  });
}

function unknownKeys(value: object, known: string[], at: Loc, what: string): void {
  const extra = Object.keys(value).find((k) => !known.includes(k));
  if (extra !== undefined) {
    throw invalidInput(`unknown key in ${what}: "${extra}" (known: ${known.join(", ")})`, {
      loc: ["body", ...at, extra],
    });
  }
}
