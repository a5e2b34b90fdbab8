import {
  BROWSERS,
  type ClickstreamUser,
  DEVICE_TYPES,
  GENDERS,
  PRODUCT_CATEGORIES,
  SEGMENTS,
} from "@gg/core/kafka";
import { createRandom, fastUuid, type Random } from "@gg/core/random";
import { isoMicro } from "@gg/core/time";
import { roundCents } from "./format";
import type { Pools } from "./pools";
import type { World, WorldDraws } from "./world-tables";

const DAY_MICROS = 86_400_000_000;

/** The fields of a user that the session model needs, kept in the world's typed arrays. */
export interface UserCore {
  id: string;
  segment: number;
  prefs: number[];
  device: number;
  browser: number;
  country: number;
  place: number;
}

/** ClickstreamUser `index`'s random source: every field of a user replays from (seed, index) alone. */
export const userRandom = (seed: string, index: number): Random =>
  createRandom(seed, "user", index);

/** Draw the core fields; `userAt` replays these same draws first, then the details. */
export function drawUserCore(r: Random, draws: WorldDraws, pools: Pools): UserCore {
  const id = fastUuid(r);
  const segment = draws.segment.draw(r);
  const prefCount = r.int(1, 4);
  const order = Array.from(PRODUCT_CATEGORIES, (_, i) => i);
  for (let i = 0; i < prefCount; i++) {
    const j = r.int(i, order.length - 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const device = draws.device.draw(r);
  const browser = draws.browser.draw(r);
  const country = pools.countryAlias.draw(r);
  const pool = pools.countries[country];
  const place = (pool?.placeStart ?? 0) + r.int(0, Math.max(0, (pool?.placeCount ?? 1) - 1));
  return { id, segment, prefs: order.slice(0, prefCount), device, browser, country, place };
}

/**
 * ClickstreamUser `index` of the world, in full. Registration and last activity fall before the world's
 * anchor, so no user timestamp is later than the time the world was built for.
 */
export function userAt(world: World, index: number): ClickstreamUser {
  const r = userRandom(world.seed, index);
  const core = drawUserCore(r, world.draws, world.pools);
  const segment = SEGMENTS[core.segment] ?? "casual";
  const profile = world.config.segments[segment];
  const pool = world.pools.countries[core.country];
  const gender = GENDERS[r.weightedIndex([49, 49, 2])] ?? "female";
  const firsts = gender === "male" ? pool?.firstMale : pool?.firstFemale;
  const first = firsts && firsts.length > 0 ? r.pick(firsts) : "Alex";
  const last = pool && pool.last.length > 0 ? r.pick(pool.last) : "Smith";
  const registered = world.anchorMicros - Math.floor(r.float(1, 730) * DAY_MICROS);
  const lastActive = registered + Math.floor(r.next() * (world.anchorMicros - registered));
  const orders = r.int(profile.orders[0], profile.orders[1]);
  // A user with no orders has spent nothing (the seed drew the two independently).
  const spent = orders === 0 ? 0 : roundCents(r.float(profile.spend[0], profile.spend[1]));
  return {
    user_id: core.id,
    email: `${ascii(first)}.${ascii(last)}.${index}@example.${r.pick(["com", "net", "org"])}`,
    first_name: first,
    last_name: last,
    age: r.int(18, 80),
    gender,
    location: world.pools.places[core.place] ?? fallbackPlace,
    segment,
    registration_date: microsIso(registered),
    last_active: microsIso(lastActive),
    total_spent: spent,
    order_count: orders,
    preferred_categories: core.prefs.map((c) => PRODUCT_CATEGORIES[c] ?? "home"),
    device_type: DEVICE_TYPES[core.device] ?? "mobile",
    browser: BROWSERS[core.browser] ?? "chrome",
  };
}

/** `count` users starting at index `start`; indices past the world's population are valid users too. */
export function generateUsers(world: World, count: number, start = 0): ClickstreamUser[] {
  return Array.from({ length: count }, (_, i) => userAt(world, start + i));
}

const fallbackPlace = {
  city: "Springfield",
  region: "IL",
  country: "United States",
  country_code: "US",
};

function microsIso(us: number): string {
  const ms = Math.floor(us / 1000);
  return isoMicro(new Date(ms), us - ms * 1000);
}

// Emails stay ASCII: strip accents ("Müller" -> "muller") and anything not a letter.
function ascii(name: string): string {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "") || "user"
  );
}
