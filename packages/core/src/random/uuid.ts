import type { Random } from "./random";

// ASCII codes of the 16 hex digits; strings are built with one String.fromCharCode call, which
// allocates a single flat string (concatenation would allocate a rope node per piece: GC churn).
const NIBBLE = Uint8Array.from("0123456789abcdef", (ch) => ch.charCodeAt(0));
const hx = (x: number, shift: number): number => NIBBLE[(x >>> shift) & 15] as number;
const DASH = 45;

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
