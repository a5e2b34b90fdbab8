import { jsonSchemaOf } from "@gg/core/fields";
import { z } from "zod";
import { definitionOf, SCENARIOS, ScenarioName } from "../scenarios/index";
import { StreamRequestFields } from "./request";
import { startStreamDocument } from "./start-document";

/**
 * The OpenAPI description of `settings` (a record to zod, checked per scenario by
 * `settingsIssues`): every scenario's schema, so a reader of /openapi.json sees every key.
 */
const SETTINGS_OPENAPI = {
  description:
    "The scenario's own settings, checked against its schema (unknown keys are refused): " +
    `${SCENARIOS.map((d) => `${d.settingsTitle} for \`${d.name}\``).join(", ")}.`,
  anyOf: SCENARIOS.map((d) => ({ title: d.settingsTitle, ...jsonSchemaOf(d.settings) })),
};

/** `settings` as the OpenAPI document shows it: every scenario's schema. */
export const SettingsField = StreamRequestFields.settings.meta(SETTINGS_OPENAPI);

/** The issues of `settings` read as `scenario`'s, located under `settings`. */
function settingsIssues(scenario: ScenarioName, settings: unknown): z.core.$ZodIssue[] {
  if (settings === undefined) return [];
  const parsed = definitionOf(scenario).settings.safeParse(settings);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ ...i, path: ["settings", ...i.path] }));
}

/**
 * POST /stream/start: the request's fields (`StreamRequestFields`) and its scenario, named or
 * implied (a clickstream `data_type` implies the clickstream scenario; else the registry's first).
 * `settings` is checked against that scenario's schema here, so a bad one is a located 422; the
 * rest is checked as the runner will read it by `validateStart`.
 */
// Strict, as every nested part is checked: a misspelt key is a 422, not silently dropped.
const StartFields = z.strictObject({
  scenario: ScenarioName.optional(),
  ...StreamRequestFields,
  settings: SettingsField,
});

/** The body of `POST /stream/start` as the document states it (`startStreamDocument`). */
export const START_DOCUMENT = startStreamDocument(jsonSchemaOf(StartFields));

export const StartStream = StartFields.transform((s) => ({
  ...s,
  scenario:
    s.scenario ??
    SCENARIOS.find((d) => d.impliedBy?.some((k) => s[k] !== undefined))?.name ??
    SCENARIOS[0].name,
}))
  .superRefine((s, ctx) => {
    // A key that implies another scenario cannot ride along with this one.
    for (const other of SCENARIOS) {
      if (other.name === s.scenario) continue;
      for (const key of other.impliedBy ?? []) {
        if (s[key] !== undefined) {
          ctx.addIssue({
            code: "custom",
            message: `${key} belongs to the ${other.name} scenario`,
            path: [key],
          });
        }
      }
    }
    // Re-raised as they are (code, bounds), only moved under `settings`.
    for (const issue of settingsIssues(s.scenario, s.settings)) {
      ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    }
  })
  .meta(START_DOCUMENT);
export type StartStream = z.infer<typeof StartStream>;

export const StreamStatus = z.enum(["running", "stopped", "completed"]);

/** A persisted stream, as the control API reports it. */
export const Stream = z.object({
  stream_id: z.uuid(),
  scenario: ScenarioName,
  status: StreamStatus,
  config: z.record(z.string(), z.unknown()),
  started_at: z.string(),
  ends_at: z.string().nullable(),
  max_count: z.number().int().nullable(),
  stopped_at: z.string().nullable(),
  stop_reason: z.string().nullable(),
  /** The version of `config` (1 until the stream is changed; each PATCH adds one). */
  version: z.number().int(),
  /** When `config` was last changed; null while it is the one the stream started with. */
  changed_at: z.string().nullable(),
});
export type Stream = z.infer<typeof Stream>;

/** Measured figures of a stream (sums over its minutes), never the target echoed back. */
export const StreamStats = z.object({
  stream_id: z.uuid(),
  minutes: z.number().int(),
  planned: z.number().int(),
  sent: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  retried: z.number().int(),
  skipped: z.number().int(),
  /** Measured events per second over the minutes that ran. */
  rate_per_second: z.number(),
  lateness_p99_ms_max: z.number().nullable(),
  /**
   * Minutes made ready after they began (their trigger came too late for the lead): their first
   * events fired late. Counted, never hidden.
   */
  late_minutes: z.number().int(),
  last_minute: z.string().nullable(),
  /** The stream's configuration version now, and when it was made (null: never changed). */
  config_version: z.number().int(),
  config_changed_at: z.string().nullable(),
  /** The version the latest minute ran (each minute records its own); null before any minute. */
  last_minute_config_version: z.number().int().nullable(),
});
export type StreamStats = z.infer<typeof StreamStats>;
