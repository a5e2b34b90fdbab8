import { invalidInput } from "@gg/core/errors";
import { RateSchedule } from "../rates/index";
import { refuseUnknownKeys } from "../scenarios/definition";
import { definitionOf, type RateCeilings, SCENARIOS } from "../scenarios/index";
import type { StartStream } from "./schema";

/**
 * Checks a stream's configuration the way its runner will read it, so a bad one is a 422 at
 * `POST /stream/start` rather than a failing minute later. Stricter than the runners: keys they
 * would silently ignore (a typo in `profile`, another scenario's keys) are refused, and so is a
 * stream whose peak rate is above what the deployment fires (`ceilings`). The profile is every
 * scenario's; the rest is the scenario's definition's to check. Throws INVALID_INPUT located in
 * the request body.
 */
export function validateStart(input: StartStream, ceilings: RateCeilings): void {
  const profile = input.profile ?? {};
  refuseUnknownKeys(profile, Object.keys(RateSchedule.shape), ["profile"], "a rate profile");
  if ("base" in profile) {
    throw invalidInput("the base rate is `rate`, not `profile.base`", {
      loc: ["body", "profile", "base"],
    });
  }
  for (const other of SCENARIOS) {
    if (other.name === input.scenario) continue;
    for (const key of other.ownKeys) {
      if (input[key] !== undefined) {
        throw invalidInput(`${key} belongs to the ${other.name} scenario`, { loc: ["body", key] });
      }
    }
  }
  definitionOf(input.scenario).check(input, ceilings[input.scenario]);
}

/**
 * The highest rate (events/second) a valid stream configuration fires in any minute, as
 * `validateStart` bounds it; 0 for one that does not parse (it fires nothing).
 */
export const streamPeakRate = (input: StartStream): number =>
  definitionOf(input.scenario).peakRate(input);
