import { z } from "zod";
import { ClickstreamSettings } from "../scenarios/clickstream/model/settings";
import { PlannerSettings } from "../scenarios/gourmetgram/plan/index";
import type { Scenario } from "./schema";

/** Each scenario's own settings schema: what `settings` means in a stream of that scenario. */
export const SCENARIO_SETTINGS = {
  gourmetgram: PlannerSettings,
  clickstream: ClickstreamSettings,
} as const;

/**
 * The OpenAPI description of `settings` (a record to zod, checked per scenario by
 * `settingsIssues`): either scenario's schema, so a reader of /openapi.json sees every key.
 */
export const SETTINGS_OPENAPI = {
  description:
    "The scenario's own settings, checked against its schema (unknown keys are refused): " +
    "PlannerSettings for `gourmetgram`, ClickstreamSettings for `clickstream`.",
  anyOf: [
    jsonSchema(PlannerSettings, "PlannerSettings"),
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
