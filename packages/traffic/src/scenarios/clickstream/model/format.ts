import type { Random } from "@gg/core/random";

// ASCII codes of the 16 hex digits; strings are built with one String.fromCharCode call, which
// allocates a single flat string (concatenation would allocate a rope node per piece: GC churn).
const NIBBLE = Uint8Array.from("0123456789abcdef", (ch) => ch.charCodeAt(0));
const hx = (x: number, shift: number): number => NIBBLE[(x >>> shift) & 15] as number;
const ZERO = 48;
const DASH = 45;

/** Epoch microseconds of a Date (Dates carry milliseconds; the rest is 0). */
export const toMicros = (date: Date): number => date.getTime() * 1000;

/** `2026-02-22T19:39:37.123456+00:00` for a Date (the GourmetGram contract's format). */
export function isoMicro(date: Date, micros = 0): string {
  return `${date.toISOString().slice(0, 23)}${String(micros).padStart(3, "0")}+00:00`;
}

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

/** Round a USD amount to cents. */
export const roundCents = (x: number): number => Math.round(x * 100) / 100;

/** A version-4 UUID from four draws of `rng`, built in one allocation (~20x cheaper than `Random.uuid`). */
export function fastUuid(rng: Random): string {
  const a = rng.nextUint32();
  const b = ((rng.nextUint32() & 0xffff0fff) | 0x4000) >>> 0;
  const c = ((rng.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
  const d = rng.nextUint32();
  // biome-ignore format: grouped as the UUID's 8-4-4-4-12 layout
  return String.fromCharCode(
    hx(a, 28), hx(a, 24), hx(a, 20), hx(a, 16), hx(a, 12), hx(a, 8), hx(a, 4), hx(a, 0), DASH,
    hx(b, 28), hx(b, 24), hx(b, 20), hx(b, 16), DASH,
    hx(b, 12), hx(b, 8), hx(b, 4), hx(b, 0), DASH,
    hx(c, 28), hx(c, 24), hx(c, 20), hx(c, 16), DASH,
    hx(c, 12), hx(c, 8), hx(c, 4), hx(c, 0),
    hx(d, 28), hx(d, 24), hx(d, 20), hx(d, 16), hx(d, 12), hx(d, 8), hx(d, 4), hx(d, 0),
  );
}

/** A public-looking IPv4 address: first octet 11–223 but not 127 (skips 0/8, 10/8, loopback, multicast). */
export function ipv4(rng: Random): string {
  const w = rng.nextUint32();
  const first = 11 + (rng.nextUint32() % 212);
  return `${first >= 127 ? first + 1 : first}.${w & 255}.${(w >>> 8) & 255}.${1 + ((w >>> 16) % 254)}`;
}
