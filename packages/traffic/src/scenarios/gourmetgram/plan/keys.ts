import type { Random } from "@gg/core/random";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * The next idempotency key of a minute's key stream: a version-4-shaped UUID (accepted by any
 * header or uuid column). It is formatted from a hex table, about 10× cheaper than formatting a
 * byte array.
 */
export function nextKey(rng: Random): string {
  const a = rng.nextUint32();
  const b = rng.nextUint32();
  const c = rng.nextUint32();
  const d = rng.nextUint32();
  return (
    word(a) +
    "-" +
    HEX[b >>> 24] +
    HEX[(b >>> 16) & 0xff] +
    "-4" +
    HEX[(b >>> 8) & 0x0f]!.slice(1) +
    HEX[b & 0xff] +
    "-" +
    HEX[((c >>> 24) & 0x3f) | 0x80] +
    HEX[(c >>> 16) & 0xff] +
    "-" +
    HEX[(c >>> 8) & 0xff] +
    HEX[c & 0xff] +
    word(d)
  );
}

/** Advances the key stream past one key without formatting it (another shard's event). */
export function skipKey(rng: Random): void {
  rng.nextUint32();
  rng.nextUint32();
  rng.nextUint32();
  rng.nextUint32();
}

function word(x: number): string {
  return HEX[x >>> 24]! + HEX[(x >>> 16) & 0xff] + HEX[(x >>> 8) & 0xff] + HEX[x & 0xff];
}
