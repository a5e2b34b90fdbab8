/**
 * The minute a scheduled invocation serves. EventBridge's "Scheduled Event" names it in `time`
 * (the rule's trigger time, e.g. `2026-11-23T10:15:00Z`); SST's Cron passes `{}` (or a fixed
 * input), which means the current minute. Either way the minute is floored to UTC.
 */
export function scheduledMinute(event: unknown, now: Date): Date {
  const time =
    typeof event === "object" && event !== null ? (event as { time?: unknown }).time : undefined;
  const ms = typeof time === "string" ? Date.parse(time) : Number.NaN;
  const at = Number.isFinite(ms) ? ms : now.getTime();
  return new Date(Math.floor(at / 60_000) * 60_000);
}
