import { DurationInput, RateInput } from "@gg/core/rate";
import { z } from "zod";
import { DEFAULT_DAILY_WEIGHTS, normaliseDailyWeights } from "./daily-curve";
import { Instant, Replay, replayRate } from "./replay";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * The most bursts a schedule may carry: every later read of a stream (each tick, each start's
 * capacity check, each dashboard poll) goes over them.
 */
export const MAX_BURSTS = 64;

/** An hour-of-day curve; `true` (or `{}`) takes the default food-app curve. */
export const DailyCurve = z
  .union([
    z.literal(true),
    z.strictObject({
      weights: z
        .array(z.number().nonnegative())
        .length(24)
        .refine((w) => w.some((x) => x > 0), "daily weights must have a positive sum")
        .meta({ contains: { type: "number", exclusiveMinimum: 0 } })
        .optional(),
      /** Local time of the audience: hour h of the curve starts at h:00 UTC minus this offset. */
      utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
    }),
  ])
  .transform((d) => {
    const o = d === true ? { utcOffsetMinutes: 0 } : d;
    return {
      factors: normaliseDailyWeights(o.weights ?? DEFAULT_DAILY_WEIGHTS),
      utcOffsetMinutes: o.utcOffsetMinutes,
    };
  });

/** A linear ramp of the base rate: `from` before `start`, `to` after `end`, linear in between. */
export const Ramp = z
  .strictObject({ from: RateInput, to: RateInput, start: Instant, end: Instant })
  // zod runs an object's refinements even after a field failed a (non-fatal) check, handing them
  // the raw value: compare only two real Dates, the failed field has its own issue already.
  .refine(
    (r) => !(r.start instanceof Date && r.end instanceof Date) || r.end > r.start,
    "ramp end must be after its start",
  );

/** A window in which the rate is multiplied (a promotion, a post going viral). */
export const Burst = z.strictObject({
  start: Instant,
  duration: DurationInput,
  multiplier: z.number().nonnegative(),
});

/**
 * The rate schedule: rate(t) = base(t) × daily(hour of t) × Π bursts(t), where base(t) is the
 * ramp when one is given, else the constant `base`. Each layer is optional, so a schedule is
 * constant, curved, ramped, bursty or any combination. A `replay` is a recorded shape that
 * replaces base, ramp and daily curve (it is the whole shape; bursts still multiply it).
 */
export const RateSchedule = z
  .object({
    base: RateInput.default(150 / 3600),
    daily: DailyCurve.optional(),
    ramp: Ramp.optional(),
    bursts: z.array(Burst).max(MAX_BURSTS).default([]),
    replay: Replay.optional(),
  })
  .superRefine((s, ctx) => {
    for (const key of ["daily", "ramp"] as const) {
      if (s.replay && s[key] !== undefined) {
        ctx.addIssue({
          code: "custom",
          message: `a replay is the whole shape: leave out ${key}`,
          path: [key],
        });
      }
    }
  });
export type RateSchedule = z.infer<typeof RateSchedule>;
export type RateScheduleInput = z.input<typeof RateSchedule>;

/**
 * The mean rate (events/second) in force over the minute starting at `minuteStart`: the ramp
 * is read at the minute's midpoint (its exact mean over a linear piece), and a burst counts in
 * proportion to how much of the minute it covers, so sub-minute bursts keep their volume.
 */
export function rateAt(schedule: RateSchedule, minuteStart: Date): number {
  const t0 = Math.floor(minuteStart.getTime() / MINUTE_MS) * MINUTE_MS;
  let rate = schedule.replay
    ? replayRate(schedule.replay, t0)
    : schedule.ramp
      ? rampAt(schedule.ramp, t0 + MINUTE_MS / 2)
      : schedule.base;
  if (schedule.daily) {
    const local = t0 + schedule.daily.utcOffsetMinutes * MINUTE_MS;
    const hour = ((Math.floor(local / HOUR_MS) % 24) + 24) % 24;
    rate *= schedule.daily.factors[hour] as number;
  }
  // No events stay none, whatever multiplies them (0 × a burst past float range is NaN).
  if (rate === 0) return 0;
  for (const b of schedule.bursts) {
    const start = b.start.getTime();
    const overlap = Math.min(t0 + MINUTE_MS, start + b.duration) - Math.max(t0, start);
    if (overlap > 0) rate *= 1 + (b.multiplier - 1) * (overlap / MINUTE_MS);
  }
  return rate;
}

function rampAt(ramp: z.infer<typeof Ramp>, t: number): number {
  const a = ramp.start.getTime();
  const b = ramp.end.getTime();
  const x = Math.min(1, Math.max(0, (t - a) / (b - a)));
  return ramp.from + (ramp.to - ramp.from) * x;
}

/**
 * The RateSchedule input a stream's `rate` and `profile` describe, as every scenario reads them: a
 * number `rate` is per SECOND (the control API's unit), a string carries its unit, and `profile`
 * adds the daily curve, ramp and bursts around that base.
 */
export function rateScheduleInputOf(config: {
  rate: number | string;
  profile?: Readonly<Record<string, unknown>>;
}): RateScheduleInput {
  const rate = config.rate;
  return { ...config.profile, base: typeof rate === "number" ? `${rate}/s` : rate };
}

/** A constant schedule at `perSecond` events/second (tests, benches, the CLI's `--rate`). */
export function constantRate(perSecond: number): RateSchedule {
  return { base: perSecond, bursts: [] };
}
