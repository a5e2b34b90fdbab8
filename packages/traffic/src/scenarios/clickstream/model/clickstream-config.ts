import { invalidInput } from "@gg/core/errors";
import { PRODUCT_CATEGORIES, SEGMENTS } from "@gg/core/kafka";
import { z } from "zod";

const Range = z
  .tuple([z.number().nonnegative(), z.number().nonnegative()])
  .refine(([lo, hi]) => lo <= hi, "range must be [min, max] with min <= max");

/** Weights in INTERACTION_TYPES order: view, click, add_to_cart, purchase, wishlist. */
const TypeWeights = z
  .tuple([z.number(), z.number(), z.number(), z.number(), z.number()])
  .refine((w) => w.every((x) => x >= 0) && w.some((x) => x > 0), "weights >= 0, not all 0");

const SegmentProfile = z.object({
  /** Share of the user population. */
  share: z.number().nonnegative(),
  /** Lifetime spend (USD) and order count ranges drawn for a user of the segment. */
  spend: Range,
  orders: Range,
  typeWeights: TypeWeights,
  /** Sessions per user relative to other segments: heavy buyers visit more often. */
  activity: z.number().positive(),
  /** Mean interactions per session (geometric, at least 1, capped by maxInteractions). */
  meanInteractions: z.number().min(1),
});

export const ClickstreamConfig = z.object({
  /** World sizes: fixed at build time, so memory does not grow with the events generated. */
  users: z.int().min(1).max(2_000_000),
  products: z.int().min(1).max(1_000_000),
  segments: z.object(
    Object.fromEntries(SEGMENTS.map((s) => [s, SegmentProfile])) as {
      [K in (typeof SEGMENTS)[number]]: typeof SegmentProfile;
    },
  ),
  /** Price range (USD) per category. */
  prices: z.object(
    Object.fromEntries(PRODUCT_CATEGORIES.map((c) => [c, Range])) as {
      [K in (typeof PRODUCT_CATEGORIES)[number]]: typeof Range;
    },
  ),
  /** Zipf exponent of product popularity (rank r gets weight 1/r^s). */
  popularityExponent: z.number().min(0).max(4),
  /** Share of fresh product picks drawn from the user's preferred categories. */
  preferredShare: z.number().min(0).max(1),
  /** Share of views that return to a product already viewed in the session. */
  revisitShare: z.number().min(0).max(1),
  inStockShare: z.number().min(0).max(1),
  maxInteractions: z.int().min(1).max(1_000),
});
export type ClickstreamConfig = z.infer<typeof ClickstreamConfig>;

type Profile = z.infer<typeof SegmentProfile>;
const profile = (
  share: number,
  spend: [number, number],
  orders: [number, number],
  typeWeights: Profile["typeWeights"],
  activity: number,
  meanInteractions: number,
): Profile => ({ share, spend, orders, typeWeights, activity, meanInteractions });

/** The seed's numbers (spec: shares, spend/order ranges, type weights, category prices). */
export const DEFAULT_CLICKSTREAM_CONFIG: ClickstreamConfig = {
  users: 100_000,
  products: 10_000,
  segments: {
    casual: profile(0.4, [0, 500], [0, 10], [0.6, 0.25, 0.08, 0.02, 0.05], 1, 5),
    regular: profile(0.35, [500, 2_000], [10, 50], [0.5, 0.2, 0.15, 0.08, 0.07], 2, 8),
    power: profile(0.2, [2_000, 10_000], [50, 200], [0.4, 0.15, 0.2, 0.15, 0.1], 4, 12),
    premium: profile(0.05, [10_000, 50_000], [200, 1_000], [0.35, 0.1, 0.25, 0.2, 0.1], 6, 15),
  },
  prices: {
    electronics: [50, 2_000],
    clothing: [10, 200],
    home: [20, 500],
    beauty: [15, 100],
    sports: [30, 300],
    books: [10, 50],
    toys: [15, 80],
    automotive: [50, 800],
    grocery: [5, 50],
    health: [10, 150],
  },
  popularityExponent: 1.05,
  preferredShare: 0.7,
  revisitShare: 0.15,
  inStockShare: 0.95,
  maxInteractions: 60,
};

/** Overrides merged one level deep (a segment or a category replaces only the keys given). */
export type ClickstreamConfigOverrides = Partial<
  Omit<ClickstreamConfig, "segments" | "prices"> & {
    segments: Partial<{ [K in keyof ClickstreamConfig["segments"]]: Partial<Profile> }>;
    prices: Partial<ClickstreamConfig["prices"]>;
  }
>;

/**
 * `base` (default: the seed's numbers) with `overrides` applied, validated; INVALID_INPUT if a
 * value is out of range.
 */
export function clickstreamConfig(
  overrides: ClickstreamConfigOverrides = {},
  base: ClickstreamConfig = DEFAULT_CLICKSTREAM_CONFIG,
): ClickstreamConfig {
  const d = base;
  const segments = Object.fromEntries(
    SEGMENTS.map((s) => [s, { ...d.segments[s], ...overrides.segments?.[s] }]),
  );
  const merged = {
    ...d,
    ...overrides,
    segments,
    prices: { ...d.prices, ...overrides.prices },
  };
  const parsed = ClickstreamConfig.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(`clickstream config: ${issue?.message ?? "invalid"}`, {
      loc: ["config", ...(issue?.path.map((p) => (typeof p === "symbol" ? String(p) : p)) ?? [])],
    });
  }
  if (SEGMENTS.every((s) => parsed.data.segments[s].share === 0)) {
    throw invalidInput("clickstream config: segment shares are all 0", { loc: ["config"] });
  }
  return parsed.data;
}
