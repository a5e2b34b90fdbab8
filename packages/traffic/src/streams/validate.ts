import { invalidInput } from "@gg/core/errors";
import type { z } from "zod";
import { PlannerConfig, ViralConfig } from "../plan/index";
import { RateSchedule } from "../rates/index";
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
 * would silently ignore (a typo in `profile`, GourmetGram options on a clickstream) are refused.
 * Throws INVALID_INPUT located in the request body.
 */
export function validateStart(input: StartStream): void {
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
    check(RateSchedule.safeParse(rateScheduleInputOf(input)), (path) => ratePath(path));
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
