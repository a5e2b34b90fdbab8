import { jsonSchemaOf } from "@gg/core/fields";
import { RateSchedule } from "../rates/index";
import { SCENARIOS, type ScenarioDefinition } from "../scenarios/index";

type JsonSchema = Record<string, unknown>;

/** The `properties` of an object's JSON Schema. */
export const propertiesOf = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;

// `profile` is a RateSchedule but for `base` (that is `rate`): a record to zod, checked key by key
// when the stream starts (validateStart), unknown keys refused.
const { base: _, ...scheduleKeys } = propertiesOf(jsonSchemaOf(RateSchedule));
// A replay is the whole shape: no daily curve or ramp beside it.
const PROFILE = {
  type: "object",
  properties: scheduleKeys,
  additionalProperties: false,
  not: { required: ["replay"], anyOf: [{ required: ["daily"] }, { required: ["ramp"] }] },
};

const definitions: readonly ScenarioDefinition[] = SCENARIOS;

/**
 * The body of `POST /stream/start` as the document states it, given the shape zod checks first
 * (`fields`): what `validateStart` then checks, as far as JSON Schema can say it. A stream is of
 * one scenario: named, or implied by one of its keys (`data_type` for clickstream), or else the
 * registry's first; each takes its own settings and refuses another scenario's keys (`mix`,
 * `mode` and `viral` are GourmetGram's). What stays unsaid: a rate's peak against the deployment's
 * ceiling, a ramp's end after its start, a date string Date can read, a mix string's weights, a
 * range's order; those are 422s that name them.
 */
export function startStreamDocument(fields: JsonSchema): JsonSchema {
  const properties = {
    ...propertiesOf(fields),
    profile: PROFILE,
    ...Object.assign({}, ...definitions.map((d) => d.document ?? {})),
  };
  const branches = definitions.map((d, i) => {
    const foreign = definitions.filter((o) => o !== d).flatMap((o) => o.ownKeys);
    const branch = {
      properties: {
        scenario: { const: d.name },
        ...Object.fromEntries(foreign.map((k) => [k, false])),
        settings: jsonSchemaOf(d.settings),
      },
    };
    // The first scenario is a request's default; another is named or implied.
    if (i === 0) return branch;
    const implied = (d.impliedBy ?? []).map((k) => ({ required: [k] }));
    return { ...branch, anyOf: [{ required: ["scenario"] }, ...implied] };
  });
  return { ...fields, properties, additionalProperties: false, anyOf: branches };
}
