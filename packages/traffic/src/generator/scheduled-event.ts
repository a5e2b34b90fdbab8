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
 * fixed input), which means the delivery time. A kick (`kickEvent`) names its minute instead.
 */
export function scheduledTrigger(event: unknown, arrivedAt: Date): Trigger {
  const kicked = kickedMinute(event);
  if (kicked) return { minute: kicked, scheduledAt: arrivedAt, arrivedAt, delayMs: null };
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

/** The `source` of a kick: the control plane's own delivery, not the schedule's. */
export const KICK_SOURCE = "gg.control";

/**
 * How far ahead a kick looks: it serves the first minute that starts at least this long after it
 * is sent, enough for a cold generator to start and prepare it (a minute starting sooner would
 * begin late, in a burst).
 */
export const KICK_LEAD_MS = 10_000;

/**
 * The control plane's delivery when a stream starts with the rule off: the schedule's first
 * delivery after the rule is enabled comes up to a minute later on EventBridge (two on
 * LocalStack), and the stream would skip its first full minute. A kick names the minute it serves
 * (the first that starts `KICK_LEAD_MS` from `now`); it is not a schedule delivery, so it has no
 * trigger delay. A scheduled delivery for the same minute then finds it claimed and fires nothing.
 */
export function kickEvent(now: Date): { source: string; "detail-type": string; minute: string } {
  const minute = new Date((Math.floor((now.getTime() + KICK_LEAD_MS) / MINUTE_MS) + 1) * MINUTE_MS);
  return { source: KICK_SOURCE, "detail-type": "Stream started", minute: minute.toISOString() };
}

/** A kick's minute, or null when `event` is not a kick (a whole minute named by our source). */
function kickedMinute(event: unknown): Date | null {
  if (typeof event !== "object" || event === null) return null;
  const { source, minute } = event as { source?: unknown; minute?: unknown };
  if (source !== KICK_SOURCE || typeof minute !== "string") return null;
  const ms = Date.parse(minute);
  return Number.isFinite(ms) && ms % MINUTE_MS === 0 ? new Date(ms) : null;
}
