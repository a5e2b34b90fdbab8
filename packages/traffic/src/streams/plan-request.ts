import { jsonSchemaOf } from "@gg/core/fields";
import { z } from "zod";
import { ScenarioName } from "../scenarios/index";
import { StreamRequestFields } from "./request";
import { SettingsField, START_DOCUMENT, StartStream } from "./schema";
import { propertiesOf } from "./start-document";

/** The most events a preview lists (its counts are always over the whole minute). */
export const MAX_PLAN_LIMIT = 1_000;

// An ISO-8601 time with a zone, seconds optional (`2026-12-01T10:00Z`): four-digit years only, so
// a minute in year 10000 is a located 422 rather than a Date the planner cannot name.
// ASCII digits spelt out: the pattern is also the document's, and a Python generator reads \d wider.
const ISO_TIME =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$/;

/** A minute to plan: any instant in it, floored to the UTC minute by the planner. */
export const PlanMinute = z
  .string()
  .max(64)
  .regex(ISO_TIME, "an ISO-8601 time with a zone, e.g. 2026-12-01T10:00Z")
  .refine((v) => !Number.isNaN(Date.parse(v)), "not a real time");

/**
 * POST /stream/plan: a minute (`minute`, and `limit` events listed) of either a stored stream
 * (`stream_id`: the configuration in force for that minute) or of `/stream/start`'s body, checked
 * as a start is. A start key beside `stream_id` is refused: the stored configuration is planned.
 */
const PlanFields = z.strictObject({
  stream_id: z.uuid().optional(),
  minute: PlanMinute,
  limit: z.int().min(0).max(MAX_PLAN_LIMIT).default(20),
  scenario: ScenarioName.optional(),
  ...StreamRequestFields,
  rate: StreamRequestFields.rate.unwrap().optional(),
  settings: SettingsField,
});

// The document: with a `stream_id`, no start key; without one, a GourmetGram start's body as its
// document states it (a preview plans GourmetGram minutes only), beside `minute` and `limit`.
const startKeys = Object.keys(propertiesOf(START_DOCUMENT));
const gourmetgramStart = (START_DOCUMENT.anyOf as Record<string, unknown>[]).filter(
  (branch) => propertiesOf(branch).scenario?.const === "gourmetgram",
);
const planFields = jsonSchemaOf(PlanFields);
const PLAN_DOCUMENT = {
  ...planFields,
  properties: { ...propertiesOf(planFields), ...propertiesOf(START_DOCUMENT) },
  anyOf: [
    { required: ["stream_id"], properties: Object.fromEntries(startKeys.map((k) => [k, false])) },
    { not: { required: ["stream_id"] }, anyOf: gourmetgramStart },
  ],
};

export const PlanRequest = PlanFields.transform((body, ctx) => {
  const { stream_id, minute, limit, ...start } = body;
  const given = Object.entries(start).filter(([, v]) => v !== undefined);
  const at = new Date(Date.parse(minute));
  if (stream_id !== undefined) {
    for (const [key] of given) {
      ctx.addIssue({
        code: "custom",
        message: `a stream_id plans that stream's own configuration: leave out ${key}`,
        path: [key],
      });
    }
    return { stream_id, minute: at, limit, start: null };
  }
  const parsed = StartStream.safeParse(Object.fromEntries(given));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    }
    return z.NEVER;
  }
  return { stream_id: null, minute: at, limit, start: parsed.data };
}).meta(PLAN_DOCUMENT);
export type PlanRequest = z.output<typeof PlanRequest>;
