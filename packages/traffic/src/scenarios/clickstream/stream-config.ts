import { invalidInput } from "@gg/core/errors";
import { CLICKSTREAM_KINDS } from "@gg/core/kafka";
import { z } from "zod";
import { RateSchedule, rateScheduleInputOf } from "../../rates/index";
import type { Stream } from "../../streams/index";
import { ClickstreamSettings } from "./model/index";

/**
 * A clickstream stream's stored configuration as its scenario reads it: `rate` as a number is per
 * SECOND, a string carries its unit ("10/s", "600/min"); `profile` (daily curve, ramp, bursts)
 * shapes it, read the same way `POST /stream/start` validated it. `settings` carries the model's
 * own overrides (users, segments, prices, interaction weights: `ClickstreamSettings`), applied to
 * the world the stream's records come from.
 */
export const ClickstreamStreamConfig = z
  .object({
    data_type: z.enum(CLICKSTREAM_KINDS).default("interactions"),
    rate: z.union([z.number().positive(), z.string()]).default("10/s"),
    profile: z.record(z.string(), z.unknown()).optional(),
    settings: ClickstreamSettings.optional(),
  })
  .transform(({ data_type, rate, profile, settings }, ctx) => {
    const schedule = RateSchedule.safeParse(rateScheduleInputOf({ rate, profile }));
    if (!schedule.success) {
      for (const issue of schedule.error.issues) {
        ctx.addIssue({ code: "custom", message: issue.message, path: ["rate", ...issue.path] });
      }
      return z.NEVER;
    }
    return { dataType: data_type, schedule: schedule.data, settings };
  });
export type ClickstreamStreamConfig = z.infer<typeof ClickstreamStreamConfig>;

/** The world's anchor of a stream: the minute it started (user histories end before it). */
export function anchorOf(stream: Pick<Stream, "stream_id" | "started_at">): Date {
  const started = Date.parse(stream.started_at);
  if (Number.isNaN(started)) throw badConfig(stream.stream_id, "started_at is not a date");
  return new Date(Math.floor(started / 60_000) * 60_000);
}

const badConfig = (id: string, why: string) =>
  invalidInput(`clickstream stream ${id}: bad config: ${why}`);
