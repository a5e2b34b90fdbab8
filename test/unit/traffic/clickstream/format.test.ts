import { createRandom } from "@gg/core/random";
import { createIsoFormatter, interactionJson, isoMicro } from "@gg/traffic/clickstream";
import { describe, expect, it } from "vitest";
import { fastUuid, ipv4 } from "../../../../packages/traffic/src/clickstream/format";
import { NOW, SEED, sessionsOf, smallWorld } from "./fixtures";

describe(`clickstream formats (seed ${SEED})`, () => {
  it("formats epoch microseconds exactly like isoMicro, across hours and days", () => {
    const rng = createRandom(SEED, "iso");
    const fmt = createIsoFormatter();
    let us = NOW.getTime() * 1000;
    for (let i = 0; i < 20_000; i++) {
      us += Math.floor(rng.next() * 3_600_000_000 * (i % 100 === 0 ? 30 : 0.01));
      const ms = Math.floor(us / 1000);
      expect(fmt(us)).toBe(isoMicro(new Date(ms), us - ms * 1000));
    }
    expect(fmt(Date.UTC(2026, 1, 22, 19, 39, 37, 123) * 1000 + 456)).toBe(
      "2026-02-22T19:39:37.123456+00:00",
    );
  });

  it("makes distinct RFC 4122 v4 uuids and public-looking IPv4s", () => {
    const rng = createRandom(SEED, "uuid");
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const id = fastUuid(rng);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
      const octets = ipv4(rng).split(".").map(Number);
      expect(octets).toHaveLength(4);
      expect(octets[0]).toBeGreaterThanOrEqual(11);
      expect(octets[0]).not.toBe(127);
      expect(octets.every((o) => o >= 0 && o <= 255)).toBe(true);
    }
    expect(ids.size).toBe(10_000);
  });

  it("serialises interactions byte-for-byte like JSON.stringify, escaping when needed", () => {
    const world = smallWorld();
    const interactions = sessionsOf(world, 300).flatMap((s) => s.interactions);
    for (const i of interactions) expect(interactionJson(i)).toBe(JSON.stringify(i));
    const odd = { ...(interactions[0] as (typeof interactions)[number]), referrer: 'a"b\\c\n' };
    expect(JSON.parse(interactionJson(odd))).toEqual(odd);
  });
});
