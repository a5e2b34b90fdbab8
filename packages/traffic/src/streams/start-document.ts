import { jsonSchemaOf, text } from "@gg/core/fields";
import { EventKinds } from "../behaviour/index";
import { ClickstreamSettings } from "../clickstream/settings";
import { ViralConfig } from "../plan/config";
import { PlannerSettings } from "../plan/settings";
import { RateSchedule } from "../rates/index";

type JsonSchema = Record<string, unknown>;

const propertiesOf = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;

// `profile` is a RateSchedule but for `base` (that is `rate`); `viral` a ViralConfig. Both are
// records to zod, checked key by key when the stream starts (validateStart): unknown keys refused.
const { base: _, ...scheduleKeys } = propertiesOf(jsonSchemaOf(RateSchedule));
const PROFILE = { type: "object", properties: scheduleKeys, additionalProperties: false };
const VIRAL = { ...jsonSchemaOf(ViralConfig), additionalProperties: false };
// A mix's weights (missing kinds weigh 0) need a positive sum: some kind above 0.
const WEIGHTS = {
  type: "object",
  properties: Object.fromEntries(EventKinds.map((k) => [k, { type: "number", minimum: 0 }])),
  additionalProperties: false,
  anyOf: EventKinds.map((k) => ({ required: [k], properties: { [k]: { exclusiveMinimum: 0 } } })),
};

/**
 * The body of `POST /stream/start` as the document states it, given the shape zod checks first
 * (`fields`): what `validateStart` then checks, as far as JSON Schema can say it. A stream is
 * GourmetGram (no `scenario` and no `data_type`, or `scenario: gourmetgram`) or clickstream
 * (`scenario: clickstream`, or a `data_type`); each takes its own settings, and `mix`, `mode` and
 * `viral` are GourmetGram's. What stays unsaid: a rate's peak against the deployment's ceiling,
 * a ramp's end after its start, a date string Date can read, a mix string's weights, a range's
 * order; those are 422s that name them.
 */
export function startStreamDocument(fields: JsonSchema): JsonSchema {
  const properties = {
    ...propertiesOf(fields),
    profile: PROFILE,
    viral: VIRAL,
    // A string is a preset or `view=68,comment=20,...`, parsed when the stream starts.
    mix: { anyOf: [jsonSchemaOf(text({ max: 200 })), WEIGHTS] },
  };
  const gourmetgram = {
    properties: {
      scenario: { const: "gourmetgram" },
      data_type: false,
      settings: jsonSchemaOf(PlannerSettings),
    },
  };
  const clickstream = {
    properties: {
      scenario: { const: "clickstream" },
      mix: false,
      mode: false,
      viral: false,
      settings: jsonSchemaOf(ClickstreamSettings),
    },
    anyOf: [{ required: ["scenario"] }, { required: ["data_type"] }],
  };
  return {
    ...fields,
    properties,
    additionalProperties: false,
    anyOf: [gourmetgram, clickstream],
  };
}
