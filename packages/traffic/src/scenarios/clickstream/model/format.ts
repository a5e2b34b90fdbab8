import type { Random } from "@gg/core/random";

/** Round a USD amount to cents. */
export const roundCents = (x: number): number => Math.round(x * 100) / 100;

/** A public-looking IPv4 address: first octet 11–223 but not 127 (skips 0/8, 10/8, loopback, multicast). */
export function ipv4(rng: Random): string {
  const w = rng.nextUint32();
  const first = 11 + (rng.nextUint32() % 212);
  return `${first >= 127 ? first + 1 : first}.${w & 255}.${(w >>> 8) & 255}.${1 + ((w >>> 16) % 254)}`;
}
