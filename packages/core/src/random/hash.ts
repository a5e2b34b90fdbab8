/**
 * 32-bit FNV-1a over a string, then a murmur3 finaliser: a fast, well-mixed way to turn
 * labels ("seed", "minute 2026-11-23T10:05", "users") into PRNG seeds.
 */
export function hash32(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3's 32-bit finaliser: full avalanche of all input bits. */
export function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Four independent 32-bit words derived from one label, to seed xoshiro128**. */
export function seedWords(label: string): [number, number, number, number] {
  const a = hash32(label);
  const b = hash32(`${label}\u0001`);
  const c = hash32(`${label}\u0002`);
  const d = hash32(`${label}\u0003`);
  // xoshiro must not start from the all-zero state.
  return a | b | c | d ? [a, b, c, d] : [1, 2, 3, 4];
}
