import { invalidInput } from "@gg/core/errors";
import { jsonSchemaOf, notAllZero } from "@gg/core/fields";
import { INTERACTION_TYPES, PRODUCT_CATEGORIES, SEGMENTS } from "@gg/core/kafka";
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
  segments: z
    .object(
      Object.fromEntries(SEGMENTS.map((s) => [s, SegmentProfile])) as {
        [K in (typeof SEGMENTS)[number]]: typeof SegmentProfile;
      },
    )
    .refine((g) => SEGMENTS.some((s) => g[s].share > 0), "segment shares are all 0"),
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

/**
 * The largest world a stream or a request may ask for. A world lives in memory for as long as it
 * is cached or a minute uses it (`worldBytes`), so the largest one must fit the generator's
 * `WORLD_BUDGET_BYTES` with room beside it for a few default ones (a test holds them to it).
 */
export const MAX_SETTING_USERS = 500_000;
export const MAX_SETTING_PRODUCTS = 100_000;

const Usd = z.number().nonnegative().max(1_000_000);
const UsdRange = z
  .tuple([Usd, Usd])
  .refine(([lo, hi]) => lo <= hi, "a range is [min, max] with min <= max");
const Orders = z.int().nonnegative().max(1_000_000);
const OrderRange = z
  .tuple([Orders, Orders])
  .refine(([lo, hi]) => lo <= hi, "a range is [min, max] with min <= max");
const Weight = z.number().nonnegative().max(1_000_000);
const Share = z.number().min(0).max(1);

/** Relative weights of interaction types; a type left out keeps the segment's weight. */
const TypeWeightsByName = z.strictObject(
  Object.fromEntries(INTERACTION_TYPES.map((t) => [t, Weight.optional()])) as {
    [K in (typeof INTERACTION_TYPES)[number]]: z.ZodOptional<typeof Weight>;
  },
);

const SegmentSettings = z.strictObject({
  /** Relative share of the user population (shares are normalised over the four segments). */
  share: Weight.optional(),
  /** Lifetime spend in USD, [min, max], drawn per user. */
  spend: UsdRange.optional(),
  /** Lifetime order count, [min, max], drawn per user. */
  orders: OrderRange.optional(),
  /** How often each interaction type happens in this segment's sessions. */
  typeWeights: TypeWeightsByName.optional(),
  /** Sessions per user relative to the other segments. */
  activity: z.number().positive().max(1_000).optional(),
  /** Mean interactions per session (geometric, at least 1, capped by maxInteractions). */
  meanInteractions: z.number().min(1).max(1_000).optional(),
});

const SettingsShape = z.strictObject({
  /** Users in the world (the population sessions are drawn from). */
  users: z.int().min(1).max(MAX_SETTING_USERS).optional(),
  /** Products in the catalogue. */
  products: z.int().min(1).max(MAX_SETTING_PRODUCTS).optional(),
  segments: z
    .strictObject(
      Object.fromEntries(SEGMENTS.map((s) => [s, SegmentSettings.optional()])) as {
        [K in (typeof SEGMENTS)[number]]: z.ZodOptional<typeof SegmentSettings>;
      },
    )
    .optional(),
  /** Price range in USD, [min, max], per category (prices are log-uniform inside it). */
  prices: z
    .strictObject(
      Object.fromEntries(PRODUCT_CATEGORIES.map((c) => [c, UsdRange.optional()])) as {
        [K in (typeof PRODUCT_CATEGORIES)[number]]: z.ZodOptional<typeof UsdRange>;
      },
    )
    .optional(),
  /** Zipf exponent of product popularity (rank r is picked ∝ 1/r^s; 0 = uniform). */
  popularityExponent: z.number().min(0).max(4).optional(),
  /** Share of fresh product picks from the user's preferred categories. */
  preferredShare: Share.optional(),
  /** Share of views that return to a product already viewed in the session. */
  revisitShare: Share.optional(),
  /** Share of products in stock. */
  inStockShare: Share.optional(),
  /** Interactions per session, at most. */
  maxInteractions: z.int().min(1).max(1_000).optional(),
});

// What the merged configuration must hold that a schema can say: not every segment's share 0,
// not every type weight of a segment 0 (every default is positive). A range's order
// ([min, max], min <= max) relates two values, which no JSON Schema keyword can.
const SETTINGS_JSON_SCHEMA = {
  ...jsonSchemaOf(SettingsShape),
  allOf: [
    notAllZero(["segments"], SEGMENTS.map(String), "share"),
    ...SEGMENTS.map((g) => notAllZero(["segments", g, "typeWeights"], INTERACTION_TYPES)),
  ],
};

/**
 * What a caller may set of the clickstream scenario: everything `ClickstreamConfig` has (the seed's
 * "all aspects are configurable"). Every key is optional and replaces only what it names: a segment
 * or a category keeps its other defaults. Unknown keys are refused, so a typo is a 422, not a
 * silently ignored setting.
 */
export const ClickstreamSettings = SettingsShape.superRefine((s, ctx) => {
  // What only the merged configuration can tell, located where the caller can fix it.
  const merged = merge(s, DEFAULT_CLICKSTREAM_CONFIG);
  if (SEGMENTS.every((g) => merged.segments[g].share === 0)) {
    ctx.addIssue({ code: "custom", message: "segment shares are all 0", path: ["segments"] });
  }
  for (const g of SEGMENTS) {
    if (merged.segments[g].typeWeights.every((w) => w === 0)) {
      ctx.addIssue({
        code: "custom",
        message: "interaction type weights are all 0",
        path: ["segments", g, "typeWeights"],
      });
    }
  }
}).meta(SETTINGS_JSON_SCHEMA);
export type ClickstreamSettings = z.infer<typeof ClickstreamSettings>;

/**
 * `base` (default: the seed's numbers) with `settings` applied: every key replaces only what it
 * names (a segment or a category keeps its other values; a type weight left out keeps the
 * segment's). The one merge of the clickstream's configuration. INVALID_INPUT, located under
 * `config`, if the result is out of range; settings that passed `ClickstreamSettings` always
 * make a valid configuration over the defaults.
 */
export function applyClickstreamSettings(
  settings: ClickstreamSettings,
  base: ClickstreamConfig = DEFAULT_CLICKSTREAM_CONFIG,
): ClickstreamConfig {
  const parsed = ClickstreamConfig.safeParse(merge(settings, base));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(`clickstream config: ${issue?.message ?? "invalid"}`, {
      loc: ["config", ...(issue?.path.map((p) => (typeof p === "symbol" ? String(p) : p)) ?? [])],
    });
  }
  return parsed.data;
}

function merge(settings: ClickstreamSettings, base: ClickstreamConfig): ClickstreamConfig {
  const segments = Object.fromEntries(
    SEGMENTS.map((g) => {
      const own = settings.segments?.[g];
      const profile = { ...base.segments[g], ...dropUndefined(own ?? {}) };
      const weights = own?.typeWeights;
      if (weights) {
        profile.typeWeights = INTERACTION_TYPES.map(
          (t, i) => weights[t] ?? base.segments[g].typeWeights[i],
        ) as ClickstreamConfig["segments"][typeof g]["typeWeights"];
      }
      return [g, profile];
    }),
  ) as ClickstreamConfig["segments"];
  const prices = { ...base.prices, ...dropUndefined(settings.prices ?? {}) };
  return { ...base, ...dropUndefined(settings), segments, prices } as ClickstreamConfig;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
