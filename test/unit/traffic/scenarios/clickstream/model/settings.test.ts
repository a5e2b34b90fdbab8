import { PRODUCT_CATEGORIES, SEGMENTS } from "@gg/core/kafka";
import {
  applyClickstreamSettings,
  ClickstreamSettings,
  createWorld,
  productAt,
  userAt,
} from "@gg/traffic/clickstream/model";
import { describe, expect, it } from "vitest";
import { NOW, SEED, sessionsOf } from "./fixtures";

// Settings reach the world: shares, spend and price ranges, interaction weights come out of the
// generator as configured, on samples large enough that a wrong wiring cannot pass.

/** |observed - p| within z standard errors of a binomial proportion over n draws. */
function withinBinomial(observed: number, p: number, n: number, z = 4.5): void {
  const se = Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(observed / n - p), `observed ${observed}/${n}, expected share ${p}`).toBeLessThan(
    z * se,
  );
}

const SETTINGS = ClickstreamSettings.parse({
  users: 40_000,
  products: 4_000,
  segments: {
    casual: { share: 1, spend: [0, 10] },
    regular: { share: 2 },
    power: { share: 3 },
    premium: { share: 4, spend: [60_000, 70_000], orders: [5, 6] },
  },
  prices: { electronics: [100, 200], books: [1, 2], grocery: [7, 7] },
});

describe(`clickstream settings (seed ${SEED})`, () => {
  const world = createWorld({
    seed: SEED,
    anchor: NOW,
    config: applyClickstreamSettings(SETTINGS),
  });

  it("draws users' segments with the configured shares (binomial tolerance)", () => {
    const n = world.config.users;
    expect(n).toBe(40_000);
    const counts = Object.fromEntries(SEGMENTS.map((s) => [s, 0]));
    for (let i = 0; i < n; i++) {
      const user = userAt(world, i);
      counts[user.segment] = (counts[user.segment] ?? 0) + 1;
      if (user.segment === "premium") {
        expect(user.total_spent).toBeGreaterThanOrEqual(60_000);
        expect(user.total_spent).toBeLessThanOrEqual(70_000);
        expect(user.order_count).toBeGreaterThanOrEqual(5);
        expect(user.order_count).toBeLessThanOrEqual(6);
      }
      if (user.segment === "casual") expect(user.total_spent).toBeLessThanOrEqual(10);
    }
    const shares = { casual: 0.1, regular: 0.2, power: 0.3, premium: 0.4 };
    for (const s of SEGMENTS) withinBinomial(counts[s] as number, shares[s], n);
  });

  it("prices products inside their category's range, log-uniformly, others at their default", () => {
    const ranges = applyClickstreamSettings(SETTINGS).prices;
    expect(ranges.clothing).toEqual([10, 200]);
    let electronics = 0;
    let lowerHalf = 0;
    const seen = new Set<string>();
    for (let i = 0; i < world.config.products; i++) {
      const p = productAt(world, i);
      const [lo, hi] = ranges[p.category];
      expect(p.price, `${p.category} ${p.price}`).toBeGreaterThanOrEqual(lo);
      expect(p.price, `${p.category} ${p.price}`).toBeLessThanOrEqual(hi);
      seen.add(p.category);
      if (p.category === "electronics") {
        electronics++;
        // Log-uniform over [100, 200]: half the mass lies below the geometric mean.
        if (p.price < Math.sqrt(100 * 200)) lowerHalf++;
      }
    }
    expect(seen.size).toBe(PRODUCT_CATEGORIES.length);
    expect(electronics).toBeGreaterThan(200);
    withinBinomial(lowerHalf, 0.5, electronics);
  });

  it("honours interaction-type weights: a type weighted 0 everywhere never happens", () => {
    const noWishlist = applyClickstreamSettings(
      ClickstreamSettings.parse({
        users: 2_000,
        products: 500,
        segments: Object.fromEntries(SEGMENTS.map((s) => [s, { typeWeights: { wishlist: 0 } }])),
      }),
    );
    const small = createWorld({ seed: SEED, anchor: NOW, config: noWishlist });
    const types = new Map<string, number>();
    for (const s of sessionsOf(small, 2_000)) {
      for (const it of s.interactions)
        types.set(it.interaction_type, (types.get(it.interaction_type) ?? 0) + 1);
    }
    expect(types.get("wishlist") ?? 0).toBe(0);
    expect(types.get("view") ?? 0).toBeGreaterThan(1_000);
  });

  it.each([
    [{ usres: 10 }, [], "unrecognized_keys"],
    [{ users: 10_000_000 }, ["users"], "too_big"],
    [{ prices: { books: [50, 10] } }, ["prices", "books"], "custom"],
    [{ prices: { jewellery: [1, 2] } }, ["prices"], "unrecognized_keys"],
    [
      { segments: { premium: { typeWeights: { buy: 1 } } } },
      ["segments", "premium", "typeWeights"],
      "unrecognized_keys",
    ],
    [
      { segments: Object.fromEntries(SEGMENTS.map((s) => [s, { share: 0 }])) },
      ["segments"],
      "custom",
    ],
    [
      {
        segments: {
          power: {
            typeWeights: { view: 0, click: 0, add_to_cart: 0, purchase: 0, wishlist: 0 },
          },
        },
      },
      ["segments", "power", "typeWeights"],
      "custom",
    ],
  ])("refuses %j, located at %j", (input, path, code) => {
    const parsed = ClickstreamSettings.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path, code });
  });
});
