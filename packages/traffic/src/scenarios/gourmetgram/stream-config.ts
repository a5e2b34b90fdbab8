import { invalidInput } from "@gg/core/errors";
import { z } from "zod";
import {
  PlannerConfig,
  type PlannerConfigInput,
  PlannerSettings,
  plannerSettingsOf,
} from "./plan/index";

/** Generator-wide settings that are not per stream. */
export interface PlannerDefaults {
  /** `GENERATOR_TEST_ACCOUNT_RATE`. */
  testAccountRate?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A GourmetGram stream's stored configuration as the planner reads it. The stream's `rate` is per
 * SECOND when a number (the control API's unit) and carries its unit when a string; it is the
 * schedule's base, and `profile` adds the daily curve, ramp and bursts. `mix`, `mode` and `viral`
 * pass through. `settings` (PlannerSettings: segments, sessions, test-account rate) wins over the
 * generator-wide defaults. Other keys (seed, duration, scenario) belong to the stream, not the plan.
 */
export const GourmetGramStreamConfig = z
  .record(z.string(), z.unknown())
  .transform((config, ctx): PlannerConfigInput => {
    const rate = config.rate ?? "150/h";
    const profile = isRecord(config.profile) ? config.profile : {};
    const own = PlannerSettings.optional().safeParse(config.settings);
    if (!own.success) {
      for (const issue of own.error.issues) {
        ctx.addIssue({ code: "custom", message: issue.message, path: ["settings", ...issue.path] });
      }
      return z.NEVER;
    }
    return {
      ...(own.data ? plannerSettingsOf(own.data) : {}),
      // Shapes are checked by PlannerConfig next; the casts only hand the values over.
      mode: config.mode as PlannerConfigInput["mode"],
      mix: config.mix as PlannerConfigInput["mix"],
      viral: config.viral as PlannerConfigInput["viral"],
      rate: { ...profile, base: typeof rate === "number" ? `${rate}/s` : (rate as string) },
    };
  })
  .pipe(PlannerConfig);
export type GourmetGramStreamConfig = z.infer<typeof GourmetGramStreamConfig>;

/**
 * `GourmetGramStreamConfig` with the generator-wide defaults applied where the stream's own `settings`
 * name nothing (a stream's `testAccountRate` wins over GENERATOR_TEST_ACCOUNT_RATE).
 */
export function withDefaults(
  settings: GourmetGramStreamConfig,
  defaults: PlannerDefaults = {},
  config: Readonly<Record<string, unknown>> = {},
): PlannerConfig {
  const own = isRecord(config.settings) && config.settings.testAccountRate !== undefined;
  return defaults.testAccountRate === undefined || own
    ? settings
    : { ...settings, testAccountRate: defaults.testAccountRate };
}

/** A stream's stored configuration as a PlannerConfig; an invalid one is INVALID_INPUT. */
export function plannerConfigOf(
  config: Readonly<Record<string, unknown>>,
  defaults: PlannerDefaults = {},
): PlannerConfig {
  const parsed = GourmetGramStreamConfig.safeParse(config);
  if (!parsed.success) {
    throw invalidInput(`stream configuration does not make a plan: ${parsed.error.message}`);
  }
  return withDefaults(parsed.data, defaults, config);
}
