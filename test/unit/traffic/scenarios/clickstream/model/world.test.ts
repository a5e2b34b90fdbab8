import { ClickstreamUser, PRODUCT_CATEGORIES, Product, SEGMENTS } from "@gg/core/kafka";
import {
  applyClickstreamSettings,
  createWorld,
  DEFAULT_CLICKSTREAM_CONFIG,
  generateProducts,
  generateUsers,
} from "@gg/traffic/clickstream/model";
import { describe, expect, it } from "vitest";
import { isCents, micros, NOW, SEED, smallWorld } from "./fixtures";

describe(`clickstream world (seed ${SEED})`, () => {
  it("acceptance (issue 6): segment shares 40/35/20/5 within binomial tolerance over 50k users", () => {
    const n = 50_000;
    const world = createWorld({
      seed: SEED,
      anchor: NOW,
      config: applyClickstreamSettings({ users: n, products: 10 }),
    });
    const counts = SEGMENTS.map(() => 0);
    for (const g of world.users.segment) counts[g] = (counts[g] as number) + 1;
    SEGMENTS.forEach((s, k) => {
      const p = DEFAULT_CLICKSTREAM_CONFIG.segments[s].share;
      const sd = Math.sqrt((n * p * (1 - p)) as number);
      expect(Math.abs((counts[k] as number) - n * p), `${s}: ${counts[k]} of ${n}`).toBeLessThan(
        4 * sd,
      );
    });
    // The materialised users carry the same segment as the world's table.
    const sample = generateUsers(world, 500).map((u) => u.segment);
    expect(sample).toEqual(Array.from(world.users.segment.subarray(0, 500), (g) => SEGMENTS[g]));
  });

  it("makes schema-valid users within their segment's ranges, none active after the anchor", () => {
    const world = smallWorld();
    const users = generateUsers(world, 2_000);
    const anchor = NOW.getTime() * 1000;
    const bad = users.filter((u) => {
      const profile = DEFAULT_CLICKSTREAM_CONFIG.segments[u.segment];
      return (
        !ClickstreamUser.safeParse(u).success ||
        u.order_count < profile.orders[0] ||
        u.order_count > profile.orders[1] ||
        (u.order_count > 0 && u.total_spent < profile.spend[0]) ||
        u.total_spent > profile.spend[1] ||
        !isCents(u.total_spent) ||
        new Set(u.preferred_categories).size !== u.preferred_categories.length ||
        micros(u.registration_date) > micros(u.last_active) ||
        micros(u.last_active) > anchor
      );
    });
    expect(bad).toEqual([]);
    expect(new Set(users.map((u) => u.user_id)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
  });

  it("makes schema-valid products priced in cents within their category's range, ~95% in stock", () => {
    const world = smallWorld();
    const products = generateProducts(world, 2_000);
    const bad = products.filter((p) => {
      const [lo, hi] = DEFAULT_CLICKSTREAM_CONFIG.prices[p.category];
      return !Product.safeParse(p).success || p.price < lo || p.price > hi || !isCents(p.price);
    });
    expect(bad).toEqual([]);
    const inStock = products.filter((p) => p.in_stock).length;
    // Binomial(2000, .95): sd ~9.7.
    expect(Math.abs(inStock - 1_900)).toBeLessThan(40);
    expect(new Set(products.map((p) => p.category)).size).toBe(PRODUCT_CATEGORIES.length);
    expect(products[0]?.popularity_score).toBe(1);
    expect(products.map((p) => p.product_id)).toEqual(world.products.ids.slice(0, 2_000));
  });

  it("replays: the same seed gives the same world and entities, another seed does not", () => {
    const a = smallWorld(SEED);
    const b = smallWorld(SEED);
    expect(b.users.ids).toEqual(a.users.ids);
    expect(b.products.priceCents).toEqual(a.products.priceCents);
    expect(generateUsers(b, 50, 123)).toEqual(generateUsers(a, 50, 123));
    expect(generateProducts(b, 50, 7)).toEqual(generateProducts(a, 50, 7));
    expect(smallWorld(SEED + 1).users.ids[0]).not.toBe(a.users.ids[0]);
  });

  it("rejects an invalid config with INVALID_INPUT", () => {
    expect(() => applyClickstreamSettings({ users: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
    expect(() => applyClickstreamSettings({ prices: { books: [50, 10] } })).toThrow(/range/);
    expect(
      applyClickstreamSettings({ segments: { premium: { share: 0.1 } } }).segments.premium,
    ).toEqual({
      ...DEFAULT_CLICKSTREAM_CONFIG.segments.premium,
      share: 0.1,
    });
  });
});
