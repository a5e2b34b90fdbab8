import { invalidInput } from "@gg/core/errors";
import { jsonSchemaOf } from "@gg/core/fields";
import * as Kafka from "@gg/core/kafka";
import * as Clickstream from "@gg/traffic/clickstream/model";
import { z } from "@hono/zod-openapi";

/** Longest a paced delivery may take (count / rate): longer belongs to a stream (/stream/start). */
export const MAX_PACED_SECONDS = 120;

export const DataType = z.enum(Kafka.CLICKSTREAM_KINDS);
export type DataType = z.infer<typeof DataType>;
export const DataTypeParam = z.object({ data_type: DataType });

const Seed = z.union([z.string().min(1).max(100), z.int()]);

/** POST /generate/{data_type}: the seed's GenerationRequest, bounded, plus an optional seed. */
export const GenerateRequest = z
  // Strict: a misspelt option is a 422, not silently left at its default.
  .strictObject({
    count: z.int().min(1).max(10_000).default(100),
    /** Messages per second while delivering (`stream: true`); unset: as fast as acks allow. */
    rate: z.number().positive().max(100_000).optional(),
    /** Also deliver to Kafka, and answer only once every message is acknowledged. */
    stream: z.boolean().default(false),
    /**
     * Messages per produce request. Default 500, not the seed's 100: 10,000 interactions land in
     * ~0.7 s instead of ~1.7 s on the local broker, and a caller's explicit 100 still works.
     */
    batch_size: z.int().min(1).max(10_000).default(500),
    /** Same seed (same day, same count): same users, products and sessions. */
    seed: Seed.optional(),
    /**
     * The clickstream scenario's settings (segment shares and spend, prices per category,
     * interaction weights, session behaviour, world sizes); unset keys keep the seed's numbers.
     */
    settings: Clickstream.ClickstreamSettings.optional(),
  })
  .refine((r) => !r.stream || r.rate === undefined || r.count / r.rate <= MAX_PACED_SECONDS, {
    message: `count / rate must be at most ${MAX_PACED_SECONDS} s; start a stream for longer runs`,
    path: ["rate"],
  })
  .openapi("GenerateRequest");
export type GenerateRequest = z.infer<typeof GenerateRequest>;

export const GenerateResult = z
  .object({
    success: z.boolean(),
    message: z.string(),
    data_type: DataType,
    count_generated: z.int(),
    /** Messages acknowledged by Kafka (0 without `stream`). */
    delivered: z.int(),
    topic: z.string().nullable(),
    seed: Seed.nullable(),
    /** Seconds, generation and delivery together. */
    time_taken: z.number(),
    /** count_generated / time_taken: measured, not the requested rate. */
    rate_per_second: z.number(),
  })
  .openapi("GenerateResult");
export type GenerateResult = z.infer<typeof GenerateResult>;

export const SampleQuery = z.object({
  count: z.coerce.number().int().min(1).max(100).default(10),
  seed: z.string().min(1).max(100).optional(),
});

// Longest `settings` text read: far above any valid settings' JSON, far below what hurts.
const MAX_SETTINGS_CHARS = 20_000;

/**
 * The sample query's `settings`: ClickstreamSettings as JSON (a query string has no objects). In
 * the document as OpenAPI says a JSON-valued parameter, `content: application/json`; the handler
 * parses it (`sampleSettings`), since the router's query schema holds strings only.
 */
export const SampleSettingsParam = {
  name: "settings",
  in: "query" as const,
  required: false,
  description: 'ClickstreamSettings as JSON, e.g. {"prices":{"books":[5,9]}}',
  content: { "application/json": { schema: jsonSchemaOf(Clickstream.ClickstreamSettings) } },
};

/** The sample query's `settings`, parsed; INVALID_INPUT located in the query when bad. */
export function sampleSettings(
  raw: string | undefined,
): Clickstream.ClickstreamSettings | undefined {
  if (raw === undefined) return undefined;
  if (raw.length > MAX_SETTINGS_CHARS) {
    throw invalidInput(`settings is longer than ${MAX_SETTINGS_CHARS} characters`, {
      loc: ["query", "settings"],
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidInput("settings must be JSON", { loc: ["query", "settings"] });
  }
  const parsed = Clickstream.ClickstreamSettings.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalidInput(issue?.message ?? "invalid settings", {
    loc: [
      "query",
      "settings",
      ...(issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p)),
    ],
  });
}

export const Samples = z
  .array(
    z.union([Kafka.ClickstreamUser, Kafka.Product, Kafka.Interaction, Kafka.ClickstreamSession]),
  )
  .openapi("ClickstreamSamples");
