/**
 * The contract's timestamp format: ISO-8601 in UTC with an explicit `+00:00` offset and six
 * fractional digits. JavaScript dates carry milliseconds, so `micros` (0–999) can add the rest.
 */
export function isoMicro(date: Date, micros = 0): string {
  const iso = date.toISOString(); // 2026-02-22T19:39:37.123Z
  return `${iso.slice(0, 23)}${String(micros).padStart(3, "0")}+00:00`;
}

/** Parse a contract timestamp (or any ISO string) back into a Date (millisecond precision). */
export function parseIso(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an ISO timestamp: ${value}`);
  return d;
}

/** An injectable clock: production code asks it, tests pin it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The minute that contains `date`, as a Date at second 0 (UTC). */
export function floorToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}
