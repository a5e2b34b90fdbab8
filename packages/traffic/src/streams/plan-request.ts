import { z } from "zod";
import { ScenarioName } from "../scenarios/index";
import { StreamRequestFields } from "./request";
import { SettingsField, StartStream } from "./schema";

/** The most events a preview lists (its counts are always over the whole minute). */
export const MAX_PLAN_LIMIT = 1_000;

// An ISO-8601 time with a zone, seconds optional (`2026-12-01T10:00Z`): four-digit years only, so
// a minute in year 10000 is a located 422 rather than a Date the planner cannot name.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

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
export const PlanRequest = z
  .strictObject({
    stream_id: z.uuid().optional(),
    minute: PlanMinute,
    limit: z.int().min(0).max(MAX_PLAN_LIMIT).default(20),
    scenario: ScenarioName.optional(),
    ...StreamRequestFields,
    rate: StreamRequestFields.rate.unwrap().optional(),
    settings: SettingsField,
  })
  .transform((body, ctx) => {
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
  });
export type PlanRequest = z.output<typeof PlanRequest>;
