import { PRODUCT_CATEGORIES, type Product } from "@gg/core/kafka";
import { createRandom, fastUuid, type Random } from "@gg/core/random";
import { CATEGORY_NOUNS, CATEGORY_TAGS } from "./catalogue-data";
import type { ClickstreamConfig } from "./clickstream-config";
import type { World } from "./world-tables";

/** The fields of a product that the session model needs, kept in the world's typed arrays. */
export interface ProductCore {
  id: string;
  category: number;
  priceCents: number;
  inStock: boolean;
}

/** Product `index`'s random source: every field replays from (seed, index) alone. */
export const productRandom = (seed: string, index: number): Random =>
  createRandom(seed, "product", index);

/**
 * Draw the core fields. Prices are log-uniform over the category's range: shops list many more
 * cheap items than expensive ones, yet both ends of the range occur.
 */
export function drawProductCore(r: Random, config: ClickstreamConfig): ProductCore {
  const id = fastUuid(r);
  const category = r.int(0, PRODUCT_CATEGORIES.length - 1);
  const [lo, hi] = config.prices[PRODUCT_CATEGORIES[category] ?? "home"];
  const min = Math.max(lo, 0.01);
  const price = min * (Math.max(hi, min) / min) ** r.next();
  const priceCents = Math.min(
    Math.round(hi * 100),
    Math.max(Math.round(min * 100), Math.round(price * 100)),
  );
  return { id, category, priceCents, inStock: r.bool(config.inStockShare) };
}

/** Zipf weight of the product at popularity rank `index` (0 is the most popular). */
export const popularityWeight = (index: number, exponent: number): number =>
  1 / (index + 1) ** exponent;

/** Product `index` of the world, in full; its index is also its popularity rank. */
export function productAt(world: World, index: number): Product {
  const r = productRandom(world.seed, index);
  const core = drawProductCore(r, world.config);
  const category = PRODUCT_CATEGORIES[core.category] ?? "home";
  const { brands, adjectives, descriptions } = world.pools;
  const brand = r.pick(brands);
  const popularity = popularityWeight(index, world.config.popularityExponent);
  const tags = r.shuffle(CATEGORY_TAGS[category]).slice(0, r.int(2, 4));
  return {
    product_id: core.id,
    name: `${brand.split(/[ ,-]/)[0]} ${r.pick(adjectives)} ${r.pick(CATEGORY_NOUNS[category])}`,
    category,
    price: core.priceCents / 100,
    description: r.pick(descriptions),
    brand,
    rating: Math.round(r.float(30, 50)) / 10,
    // Popular products collect more reviews; a floor keeps the long tail from all reading 0.
    review_count: Math.floor(popularity * 5_000 * r.float(0.3, 1)) + r.int(0, 25),
    in_stock: core.inStock,
    popularity_score: Math.round(popularity * 1e6) / 1e6,
    tags,
  };
}

/** `count` products of the catalogue from index `start`; past the catalogue's size they are still valid. */
export function generateProducts(world: World, count: number, start = 0): Product[] {
  return Array.from({ length: count }, (_, i) => productAt(world, start + i));
}
