import { invalidInput } from "@gg/core/errors";
import { z } from "zod";
import { ClickstreamSettings } from "../clickstream/settings";
import { GourmetGramSettings, type PlannerConfigInput, plannerSettingsOf } from "../plan/index";
import type { Scenario } from "./schema";

/** Each scenario's own settings schema: what `settings` means in a stream of that scenario. */
export const SCENARIO_SETTINGS = {
  gourmetgram: GourmetGramSettings,
  clickstream: ClickstreamSettings,
} as const;

/**
 * The OpenAPI description of `settings` (a record to zod, checked per scenario by
 * `settingsIssues`): either scenario's schema, so a reader of /openapi.json sees every key.
 */
export const SETTINGS_OPENAPI = {
  description:
    "The scenario's own settings, checked against its schema (unknown keys are refused): " +
    "GourmetGramSettings for `gourmetgram`, ClickstreamSettings for `clickstream`.",
  anyOf: [
    jsonSchema(GourmetGramSettings, "GourmetGramSettings"),
    jsonSchema(ClickstreamSettings, "ClickstreamSettings"),
  ],
};

function jsonSchema(schema: z.ZodType, title: string) {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return { title, ...rest };
}

/** The issues of `settings` read as `scenario`'s, located under `settings`. */
export function settingsIssues(scenario: Scenario, settings: unknown): z.core.$ZodIssue[] {
  if (settings === undefined) return [];
  const parsed = SCENARIO_SETTINGS[scenario].safeParse(settings);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ ...i, path: ["settings", ...i.path] }));
}

/** A stored clickstream stream's settings, parsed as at its start; undefined when it has none. */
export function storedClickstreamSettings(
  config: Readonly<Record<string, unknown>>,
): ClickstreamSettings | undefined {
  return stored(ClickstreamSettings, config);
}

/** A stored GourmetGram stream's settings as PlannerConfig input (empty when it has none). */
export function storedPlannerSettings(
  config: Readonly<Record<string, unknown>>,
): Pick<PlannerConfigInput, "segments" | "sessions" | "testAccountRate"> {
  const settings = stored(GourmetGramSettings, config);
  return settings ? plannerSettingsOf(settings) : {};
}

function stored<T>(schema: z.ZodType<T>, config: Readonly<Record<string, unknown>>): T | undefined {
  if (config.settings === undefined) return undefined;
  const parsed = schema.safeParse(config.settings);
  if (!parsed.success) {
    throw invalidInput(`stream settings no longer valid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
