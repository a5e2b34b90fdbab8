import { createRandom, fastUuid } from "@gg/core/random";
import { createIsoFormatter, isoMicro } from "@gg/core/time";
import { interactionJson, ipv4 } from "@gg/traffic/clickstream/model";
import { describe, expect, it } from "vitest";
import { NOW, SEED, sessionsOf, smallWorld } from "./fixtures";

describe(`clickstream formats (seed ${SEED})`, () => {
  it("formats epoch microseconds exactly like isoMicro, across hours and days", () => {
    const rng = createRandom(SEED, "iso");
    const fmt = createIsoFormatter();
    let us = NOW.getTime() * 1000;
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      us += Math.floor(rng.next() * 3_600_000_000 * (i % 100 === 0 ? 30 : 0.01));
      const ms = Math.floor(us / 1000);
      const want = isoMicro(new Date(ms), us - ms * 1000);
      if (fmt(us) !== want) mismatches.push(`${us}: ${fmt(us)} != ${want}`);
    }
    expect(mismatches).toEqual([]);
    expect(fmt(Date.UTC(2026, 1, 22, 19, 39, 37, 123) * 1000 + 456)).toBe(
      "2026-02-22T19:39:37.123456+00:00",
    );
  });

  it("makes distinct RFC 4122 v4 uuids and public-looking IPv4s", () => {
    const rng = createRandom(SEED, "uuid");
    const ids = Array.from({ length: 10_000 }, () => fastUuid(rng));
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ids.filter((id) => !v4.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const ips = Array.from({ length: 10_000 }, () => ipv4(rng));
    const bad = ips.filter((ip) => {
      const o = ip.split(".").map(Number);
      return (
        o.length !== 4 ||
        o[0] === 127 ||
        (o[0] as number) < 11 ||
        o.some((x) => !(x >= 0 && x <= 255))
      );
    });
    expect(bad).toEqual([]);
  });

  it("serialises interactions byte-for-byte like JSON.stringify, escaping when needed", () => {
    const world = smallWorld();
    const interactions = sessionsOf(world, 300).flatMap((s) => s.interactions);
    expect(interactions.filter((i) => interactionJson(i) !== JSON.stringify(i))).toEqual([]);
    const odd = { ...(interactions[0] as (typeof interactions)[number]), referrer: 'a"b\\c\n' };
    expect(JSON.parse(interactionJson(odd))).toEqual(odd);
  });
});
