import { text } from "@gg/core/fields";
import { CLICKSTREAM_KINDS } from "@gg/core/kafka";
import { MAX_RATE_CHARS, RATE_TEXT_PATTERN } from "@gg/core/rate";
import { z } from "zod";

// Keys of the free-form objects (profile, viral, settings, a mix's weights): each is checked
// against its schema after this, but a key is echoed in errors and stored, so it is short first.
const Key = z.string().max(64);

/** The largest `max_count`: the stream's budget is read back as a 32-bit integer. */
export const MAX_STREAM_COUNT = 1_000_000_000;

/**
 * The fields of POST /stream/start but its scenario (which the scenarios' registry lists):
 * `rate` as a number is events per SECOND (the clickstream seed's unit); strings carry their unit
 * (`150/h`, `10/s`, `600/min`). `profile` shapes the rate over time (daily curve, ramp, bursts);
 * `mix`, `mode` and `viral` are GourmetGram's, `data_type` the clickstream's; `settings` carries
 * the scenario's own settings. Each scenario's definition checks what is its own. Strings are
 * `text`: the configuration is stored as jsonb, which cannot hold a NUL.
 */
export const StreamRequestFields = {
  data_type: z.enum(CLICKSTREAM_KINDS).optional(),
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
  /** The scenario's own settings, checked against its definition's `settings` schema. */
  settings: z.record(Key, z.unknown()).optional(),
};

/** A start request as a scenario's definition reads it: parsed, its scenario chosen. */
export type StreamRequest = z.output<z.ZodObject<typeof StreamRequestFields>> & {
  scenario: string;
};
