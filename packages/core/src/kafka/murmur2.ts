/**
 * Kafka's murmur2 (the Java client's `Utils.murmur2`) over a key's bytes, in 32-bit integer
 * arithmetic: ~20x cheaper than a BigInt port, and the firehose hashes every key.
 */
export function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = 0x9747b28c ^ length;
  const words = length >>> 2;
  for (let w = 0; w < words; w++) {
    const i = w << 2;
    let k =
      (data[i] as number) |
      ((data[i + 1] as number) << 8) |
      ((data[i + 2] as number) << 16) |
      ((data[i + 3] as number) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const tail = words << 2;
  // Java's switch falls through: 3 bytes left mixes all three, 2 mixes two, 1 mixes one.
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= (data[tail + 2] as number) << 16;
    if (rest >= 2) h ^= (data[tail + 1] as number) << 8;
    h ^= data[tail] as number;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** The Java client's default partition for a key: `toPositive(murmur2(key)) % partitions`. */
export const partitionOf = (key: Uint8Array, partitions: number): number =>
  (murmur2(key) & 0x7fffffff) % partitions;
