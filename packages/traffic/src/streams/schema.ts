import { jsonSchemaOf, text } from "@gg/core/fields";
import { z } from "zod";
import { MAX_RATE_CHARS, RATE_TEXT_PATTERN } from "../rates/index";
import { SETTINGS_OPENAPI, settingsIssues } from "./settings";
import { startStreamDocument } from "./start-document";

export const Scenario = z.enum(["gourmetgram", "clickstream"]);
export type Scenario = z.infer<typeof Scenario>;
export const ClickstreamDataType = z.enum(["users", "products", "interactions", "sessions"]);

// Keys of the free-form objects (profile, viral, settings, a mix's weights): each is checked
// against its schema after this, but a key is echoed in errors and stored, so it is short first.
const Key = z.string().max(64);

/** The largest `max_count`: the stream's budget is read back as a 32-bit integer. */
export const MAX_STREAM_COUNT = 1_000_000_000;

/**
 * POST /stream/start. `rate` as a number is events per SECOND (the clickstream seed's unit);
 * strings carry their unit (`150/h`, `10/s`, `600/min`). `profile` shapes the rate over time
 * (daily curve, ramp, bursts) and `mix`/`mode`/`viral` the GourmetGram behaviour; both are
 * validated against the planner's schemas when the stream starts. `settings` carries the
 * scenario's own settings (segments, prices, sessions, ...), checked against that scenario's
 * schema here, so a bad one is a located 422. A clickstream `data_type` implies the clickstream
 * scenario.
 */
// Strict, as every nested part is checked: a misspelt key is a 422, not silently dropped. Strings
// are `text`: the configuration is stored as jsonb, which cannot hold a NUL.
const StartFields = z.strictObject({
  scenario: Scenario.optional(),
  data_type: ClickstreamDataType.optional(),
  // A string's syntax and unit are checked with the profile (validateStart); the document says them.
  rate: z
    .union([
      z.number().positive().max(1_000_000),
      text({ min: 1, max: MAX_RATE_CHARS }).meta({ pattern: RATE_TEXT_PATTERN }),
    ])
    .default("150/h"),
  profile: z.record(Key, z.unknown()).optional(),
  mix: z.union([text({ max: 200 }), z.record(Key, z.number().nonnegative())]).optional(),
  mode: z.enum(["poisson", "simulate_viral"]).optional(),
  viral: z.record(Key, z.unknown()).optional(),
  seed: z.union([text({ min: 1, max: 100 }), z.number().int()]).optional(),
  /** Seconds the stream runs; unset: until stopped (or `max_count`). */
  duration: z
    .number()
    .positive()
    .max(366 * 86_400)
    .optional(),
  /** Events after which the stream completes. */
  max_count: z.number().int().positive().max(MAX_STREAM_COUNT).optional(),
  /** The scenario's own settings: PlannerSettings (gourmetgram) or ClickstreamSettings. */
  settings: z.record(Key, z.unknown()).optional().meta(SETTINGS_OPENAPI),
});

export const StartStream = StartFields.transform(
  (s) => ({ ...s, scenario: s.scenario ?? (s.data_type ? "clickstream" : "gourmetgram") }) as const,
)
  .refine((s) => s.scenario === "clickstream" || !s.data_type, {
    message: "data_type belongs to the clickstream scenario",
    path: ["data_type"],
  })
  .superRefine((s, ctx) => {
    // Re-raised as they are (code, bounds), only moved under `settings`.
    for (const issue of settingsIssues(s.scenario, s.settings)) {
      ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    }
  })
  .meta(startStreamDocument(jsonSchemaOf(StartFields)));
export type StartStream = z.infer<typeof StartStream>;

export const StreamStatus = z.enum(["running", "stopped", "completed"]);

/** A persisted stream, as the control API reports it. */
export const Stream = z.object({
  stream_id: z.uuid(),
  scenario: Scenario,
  status: StreamStatus,
  config: z.record(z.string(), z.unknown()),
  started_at: z.string(),
  ends_at: z.string().nullable(),
  max_count: z.number().int().nullable(),
  stopped_at: z.string().nullable(),
  stop_reason: z.string().nullable(),
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
});
export type StreamStats = z.infer<typeof StreamStats>;
