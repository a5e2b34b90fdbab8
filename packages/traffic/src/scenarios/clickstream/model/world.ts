import { BROWSERS, DEVICE_TYPES, PRODUCT_CATEGORIES, SEGMENTS } from "@gg/core/kafka";
import { Alias } from "@gg/core/random";
import { toMicros } from "@gg/core/time";
import { BROWSER_WEIGHTS, DEVICE_WEIGHTS } from "./catalogue-data";
import { type ClickstreamConfig, DEFAULT_CLICKSTREAM_CONFIG } from "./clickstream-config";
import { buildPools, type Pools } from "./pools";
import { drawProductCore, popularityWeight, productRandom } from "./products";
import { drawUserCore, userRandom } from "./users";
import type { ProductTable, UserTable, World, WorldDraws } from "./world-tables";

export type { World } from "./world-tables";

export interface WorldOptions {
  seed: string | number;
  /** No user timestamp falls after it: the stream's `now`, or a backfill window's start. */
  anchor: Date;
  config?: ClickstreamConfig;
}

/** Build a world; the same seed and config always give the same world. */
export function createWorld({
  seed,
  anchor,
  config = DEFAULT_CLICKSTREAM_CONFIG,
}: WorldOptions): World {
  const s = String(seed);
  const pools = buildPools(s);
  const draws: WorldDraws = {
    segment: new Alias(SEGMENTS.map((g) => config.segments[g].share)),
    device: new Alias(DEVICE_TYPES.map((d) => DEVICE_WEIGHTS[d])),
    browser: new Alias(BROWSERS.map((b) => BROWSER_WEIGHTS[b])),
  };
  return {
    seed: s,
    config,
    anchorMicros: toMicros(anchor),
    pools,
    draws,
    users: buildUsers(s, config, draws, pools),
    products: buildProducts(s, config),
  };
}

function buildUsers(
  seed: string,
  config: ClickstreamConfig,
  draws: WorldDraws,
  pools: Pools,
): UserTable {
  const n = config.users;
  const ids: string[] = new Array(n);
  const segment = new Uint8Array(n);
  const prefs = new Uint8Array(4 * n);
  const prefCount = new Uint8Array(n);
  const device = new Uint8Array(n);
  const browser = new Uint8Array(n);
  const place = new Uint16Array(n);
  const counts = SEGMENTS.map(() => 0);
  for (let i = 0; i < n; i++) {
    const core = drawUserCore(userRandom(seed, i), draws, pools);
    ids[i] = core.id;
    segment[i] = core.segment;
    prefCount[i] = core.prefs.length;
    core.prefs.forEach((c, k) => {
      prefs[4 * i + k] = c;
    });
    device[i] = core.device;
    browser[i] = core.browser;
    place[i] = core.place;
    counts[core.segment] = (counts[core.segment] ?? 0) + 1;
  }
  const bySegment = counts.map((c) => new Uint32Array(c));
  const fill = SEGMENTS.map(() => 0);
  for (let i = 0; i < n; i++) {
    const g = segment[i] as number;
    (bySegment[g] as Uint32Array)[fill[g] as number] = i;
    fill[g] = (fill[g] as number) + 1;
  }
  // Realised counts, not configured shares: each user of a segment gets the same session rate.
  const sessionSegment = new Alias(
    SEGMENTS.map((g, k) => (counts[k] as number) * config.segments[g].activity),
  );
  return { ids, segment, prefs, prefCount, device, browser, place, bySegment, sessionSegment };
}

function buildProducts(seed: string, config: ClickstreamConfig): ProductTable {
  const n = config.products;
  const ids: string[] = new Array(n);
  const paths: string[] = new Array(n);
  const category = new Uint8Array(n);
  const priceCents = new Int32Array(n);
  const weights: number[] = new Array(n);
  const members: number[][] = PRODUCT_CATEGORIES.map(() => []);
  for (let i = 0; i < n; i++) {
    const core = drawProductCore(productRandom(seed, i), config);
    ids[i] = core.id;
    category[i] = core.category;
    priceCents[i] = core.priceCents;
    paths[i] = `/products/${PRODUCT_CATEGORIES[core.category]}/${core.id}`;
    weights[i] = popularityWeight(i, config.popularityExponent);
    members[core.category]?.push(i);
  }
  return {
    ids,
    category,
    priceCents,
    paths,
    alias: new Alias(weights),
    byCategory: members.map((m) => Uint32Array.from(m)),
    categoryAlias: members.map((m) =>
      m.length > 0 ? new Alias(m.map((i) => weights[i] as number)) : null,
    ),
  };
}
