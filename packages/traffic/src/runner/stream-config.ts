import { invalidInput } from "@gg/core/errors";
import { PlannerConfig } from "../plan/index";
import { type Stream, storedPlannerSettings } from "../streams/index";

/** Generator-wide settings that are not per stream. */
export interface PlannerDefaults {
  /** `GENERATOR_TEST_ACCOUNT_RATE`. */
  testAccountRate?: number;
}

/**
 * A stream's stored configuration as a PlannerConfig. The stream's `rate` is per SECOND when a
 * number (the control API's unit) and carries its unit when a string; it is the schedule's base,
 * and `profile` adds the daily curve, ramp and bursts. `mix`, `mode` and `viral` pass through.
 */
export function plannerConfigOf(
  config: Readonly<Record<string, unknown>>,
  defaults: PlannerDefaults = {},
): PlannerConfig {
  const rate = config.rate ?? "150/h";
  const profile = isRecord(config.profile) ? config.profile : {};
  const parsed = PlannerConfig.safeParse({
    mode: config.mode,
    mix: config.mix,
    viral: config.viral,
    testAccountRate: defaults.testAccountRate,
    rate: { ...profile, base: typeof rate === "number" ? `${rate}/s` : rate },
    // The stream's own `settings` (segments, sessions, test-account rate) win over the defaults.
    ...storedPlannerSettings(config),
  });
  if (!parsed.success) {
    throw invalidInput(`stream configuration does not make a plan: ${parsed.error.message}`);
  }
  return parsed.data;
}

/** The seed a stream plans with: its configured seed, else its id (stable for its life). */
export function seedOf(stream: Pick<Stream, "stream_id" | "config">): string | number {
  const seed = stream.config.seed;
  return typeof seed === "string" || typeof seed === "number" ? seed : stream.stream_id;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
