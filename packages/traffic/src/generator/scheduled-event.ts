import { MINUTE_MS } from "../minute/index";

/** A delivery of the schedule, and the minute it serves. */
export interface Trigger {
  /** The minute it serves: the one after the minute it was scheduled in (the one rule). */
  minute: Date;
  /** What the schedule meant: EventBridge's `time`, else the delivery itself. */
  scheduledAt: Date;
  arrivedAt: Date;
  /** Delivery − schedule time (ms); null when the event names no time (SST Cron's `{}`). */
  delayMs: number | null;
}

/**
 * The one rule, for every shape (Lambda, `pnpm start`'s timer and its SQS queue): the delivery
 * scheduled for time T serves minute ⌊T⌋ + 1, so the minute is claimed, planned and its shards
 * started before it begins, and a delivery that comes late inside its minute (LocalStack's
 * scheduler at second ~41, EventBridge seconds late, a cold start) delays nothing. EventBridge's
 * "Scheduled Event" names T in `time` (e.g. `2026-11-23T10:15:00Z`); SST's Cron passes `{}` (or a
 * fixed input), which means the delivery time.
 */
export function scheduledTrigger(event: unknown, arrivedAt: Date): Trigger {
  const time =
    typeof event === "object" && event !== null ? (event as { time?: unknown }).time : undefined;
  const ms = typeof time === "string" ? Date.parse(time) : Number.NaN;
  const named = Number.isFinite(ms);
  const at = named ? ms : arrivedAt.getTime();
  return {
    minute: new Date((Math.floor(at / MINUTE_MS) + 1) * MINUTE_MS),
    scheduledAt: new Date(at),
    arrivedAt,
    delayMs: named ? arrivedAt.getTime() - ms : null,
  };
}
