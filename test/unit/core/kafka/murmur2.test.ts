import { murmur2, partitionOf } from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import { describe, expect, it } from "vitest";

const SEED = Number(process.env.TEST_SEED ?? 20261123);
const bytes = (s: string) => Buffer.from(s, "utf8");

// A literal port of Java's Utils.murmur2 in BigInt arithmetic: slow, obviously faithful.
function referenceMurmur2(data: Uint8Array): number {
  const i32 = (x: bigint) => BigInt.asIntN(32, x);
  const ushr = (x: bigint, n: number) => BigInt(Number(i32(x)) >>> n);
  const m = 0x5bd1e995n;
  let h = i32(0x9747b28cn ^ BigInt(data.length));
  const words = Math.floor(data.length / 4);
  for (let w = 0; w < words; w++) {
    const i = w * 4;
    let k = i32(
      BigInt(data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)),
    );
    k = i32(k * m);
    k = i32(k ^ ushr(k, 24));
    k = i32(k * m);
    h = i32(i32(h * m) ^ k);
  }
  const t = words * 4;
  const rest = data.length % 4;
  if (rest >= 3) h = i32(h ^ BigInt(data[t + 2]! << 16));
  if (rest >= 2) h = i32(h ^ BigInt(data[t + 1]! << 8));
  if (rest >= 1) h = i32(i32(h ^ BigInt(data[t]!)) * m);
  h = i32(h ^ ushr(h, 13));
  h = i32(h * m);
  h = i32(h ^ ushr(h, 15));
  return Number(h);
}

describe("murmur2 (Kafka's partitioning hash)", () => {
  it("matches the Java client's published test vectors", () => {
    // From Kafka's UtilsTest.testMurmur2.
    expect(murmur2(bytes("21"))).toBe(-973932308);
    expect(murmur2(bytes("foobar"))).toBe(-790332482);
    expect(murmur2(bytes("a-little-bit-long-string"))).toBe(-985981536);
    expect(murmur2(bytes("a-little-bit-longer-string"))).toBe(-1486304829);
    expect(murmur2(bytes("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"))).toBe(-58897971);
    expect(murmur2(bytes("abc"))).toBe(479470107);
  });

  it(`agrees with a literal BigInt port on random keys of every tail length (seed ${SEED})`, () => {
    const r = createRandom(SEED, "murmur2");
    for (let i = 0; i < 2_000; i++) {
      const key = Buffer.from(Array.from({ length: r.int(0, 64) }, () => r.int(0, 255)));
      expect(murmur2(key), `key ${key.toString("hex")}`).toBe(referenceMurmur2(key));
    }
  });

  it("partitions like the Java default partitioner (positive mask, then modulo)", () => {
    const key = bytes("foobar");
    expect(partitionOf(key, 6)).toBe((-790332482 & 0x7fffffff) % 6);
    expect(partitionOf(key, 6)).toBeGreaterThanOrEqual(0);
  });
});
