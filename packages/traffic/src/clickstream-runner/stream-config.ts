import { invalidInput } from "@gg/core/errors";
import { z } from "zod";
import { CLICKSTREAM_TOPICS, type ClickstreamSettings } from "../clickstream/index";
import { RateSchedule } from "../rates/index";
import { seedOf } from "../runner/index";
import { rateScheduleInputOf, type Stream, storedClickstreamSettings } from "../streams/index";

/** What a clickstream stream's stored configuration means to its runner. */
export interface ClickstreamStreamConfig {
  dataType: (typeof CLICKSTREAM_TOPICS)[number];
  /** The arrival rate over time (a constant `rate`, shaped by an optional `profile`). */
  schedule: RateSchedule;
  seed: string | number;
  /** The world's anchor: user histories end before the stream started (fixed for its life). */
  anchor: Date;
  /** The stream's own scenario settings (segments, prices, ...); none: the world cache's config. */
  settings: ClickstreamSettings | undefined;
}

const Stored = z.object({
  data_type: z.enum(CLICKSTREAM_TOPICS).default("interactions"),
  rate: z.union([z.number().positive(), z.string()]).default("10/s"),
  profile: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Reads a stream's config like the GourmetGram runner does: `rate` as a number is per SECOND, a
 * string carries its unit ("10/s", "600/min"); `profile` (daily curve, ramp, bursts) shapes it.
 */
export function clickstreamConfigOf(
  stream: Pick<Stream, "stream_id" | "config" | "started_at">,
): ClickstreamStreamConfig {
  const stored = Stored.safeParse(stream.config);
  if (!stored.success) throw badConfig(stream.stream_id, stored.error.message);
  const { data_type, rate, profile } = stored.data;
  // The same reading `POST /stream/start` validated the config with.
  const schedule = RateSchedule.safeParse(rateScheduleInputOf({ rate, profile }));
  if (!schedule.success) throw badConfig(stream.stream_id, schedule.error.message);
  const started = Date.parse(stream.started_at);
  if (Number.isNaN(started)) throw badConfig(stream.stream_id, "started_at is not a date");
  return {
    dataType: data_type,
    schedule: schedule.data,
    seed: seedOf(stream),
    anchor: new Date(Math.floor(started / 60_000) * 60_000),
    settings: storedClickstreamSettings(stream.config),
  };
}

const badConfig = (id: string, why: string) =>
  invalidInput(`clickstream stream ${id}: bad config: ${why}`);
