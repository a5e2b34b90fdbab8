import { jsonSchemaOf, notAllZero } from "@gg/core/fields";
import { z } from "zod";
import { type ClickstreamConfig, clickstreamConfig, DEFAULT_CLICKSTREAM_CONFIG } from "./config";
import { CATEGORIES, INTERACTION_TYPES, SEGMENTS } from "./schemas";

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
const TypeWeights = z.strictObject(
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
  typeWeights: TypeWeights.optional(),
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
      Object.fromEntries(CATEGORIES.map((c) => [c, UsdRange.optional()])) as {
        [K in (typeof CATEGORIES)[number]]: z.ZodOptional<typeof UsdRange>;
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
  const merged = applyClickstreamSettings(s, DEFAULT_CLICKSTREAM_CONFIG, false);
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
 * `base` with `settings` applied. Validated (INVALID_INPUT) unless `validate` is false; settings
 * that passed `ClickstreamSettings` always make a valid configuration over the defaults.
 */
export function applyClickstreamSettings(
  settings: ClickstreamSettings,
  base: ClickstreamConfig = DEFAULT_CLICKSTREAM_CONFIG,
  validate = true,
): ClickstreamConfig {
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
  const merged = { ...base, ...dropUndefined(settings), segments, prices };
  return validate ? clickstreamConfig(merged, base) : (merged as ClickstreamConfig);
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
