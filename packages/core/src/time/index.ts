import { microsOf } from "./micro";

export { type Clock, monotonicClock } from "./clock";
export { MicroDate, microClock, microsOf } from "./micro";

/**
 * The contract's timestamp format: ISO-8601 in UTC with an explicit `+00:00` offset and six
 * fractional digits. JavaScript dates carry milliseconds, so `micros` (0–999) can add the rest (by
 * default a MicroDate's own).
 */
export function isoMicro(date: Date, micros = microsOf(date)): string {
  const iso = date.toISOString(); // 2026-02-22T19:39:37.123Z
  return `${iso.slice(0, 23)}${String(micros).padStart(3, "0")}+00:00`;
}

/** Epoch microseconds of a Date (a plain Date carries milliseconds, the rest is 0). */
export const toMicros = (date: Date): number => date.getTime() * 1000 + microsOf(date);

// ASCII "0": digits are written as char codes (see createIsoFormatter).
const ZERO = 48;

/**
 * A formatter of epoch microseconds in the contract's format, for hot paths: it caches the
 * `YYYY-MM-DDTHH:` of the last hour seen (events of a session, and sessions generated together,
 * share it), so most calls skip `Date` and build the string in one allocation.
 */
export function createIsoFormatter(): (epochMicros: number) => string {
  let hour = Number.NaN;
  const p = new Uint8Array(14);
  return (us) => {
    const h = Math.floor(us / 3_600_000_000);
    if (h !== hour) {
      hour = h;
      const prefix = new Date(h * 3_600_000).toISOString();
      for (let i = 0; i < 14; i++) p[i] = prefix.charCodeAt(i);
    }
    const inHour = us - h * 3_600_000_000;
    const m = Math.floor(inHour / 60_000_000);
    const inMinute = inHour - m * 60_000_000;
    const s = Math.floor(inMinute / 1_000_000);
    const f = inMinute - s * 1_000_000;
    // biome-ignore format: one digit per argument reads as the timestamp's layout
    return String.fromCharCode(
      p[0] as number, p[1] as number, p[2] as number, p[3] as number, p[4] as number,
      p[5] as number, p[6] as number, p[7] as number, p[8] as number, p[9] as number,
      p[10] as number, p[11] as number, p[12] as number, p[13] as number,
      ZERO + Math.floor(m / 10), ZERO + (m % 10), 58, ZERO + Math.floor(s / 10), ZERO + (s % 10), 46,
      ZERO + Math.floor(f / 100_000), ZERO + (Math.floor(f / 10_000) % 10),
      ZERO + (Math.floor(f / 1_000) % 10), ZERO + (Math.floor(f / 100) % 10),
      ZERO + (Math.floor(f / 10) % 10), ZERO + (f % 10),
      43, ZERO, ZERO, 58, ZERO, ZERO,
    );
  };
}
