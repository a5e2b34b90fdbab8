import { z } from "zod";
import { type Env, read } from "../env/index";
import { invalidInput } from "../errors/index";
import { EventTimestamp } from "./gourmetgram-topics";
import { createTopicRegistry, defineTopic, type TopicDef, TopicName } from "./topic";

// The four clickstream topics of seed 003, beside GourmetGram's: every topic either scenario
// writes is declared in this folder, once, with its schema and key.

/** User segments (both scenarios': the spec's casual, regular, power and premium users). */
export const SEGMENTS = ["casual", "regular", "power", "premium"] as const;
export const Segment = z.enum(SEGMENTS);
export type Segment = z.infer<typeof Segment>;

/** The clickstream's closed vocabularies; array order is the index used in the world's typed arrays. */
export const PRODUCT_CATEGORIES = [
  "electronics",
  "clothing",
  "home",
  "beauty",
  "sports",
  "books",
  "toys",
  "automotive",
  "grocery",
  "health",
] as const;
export const INTERACTION_TYPES = ["view", "click", "add_to_cart", "purchase", "wishlist"] as const;
export const DEVICE_TYPES = ["mobile", "desktop", "tablet"] as const;
export const BROWSERS = ["chrome", "safari", "firefox", "edge"] as const;
export const OPERATING_SYSTEMS = ["android", "ios", "ipados", "windows", "macos", "linux"] as const;
export const GENDERS = ["female", "male", "nonbinary"] as const;

export const ProductCategory = z.enum(PRODUCT_CATEGORIES);
export type ProductCategory = z.infer<typeof ProductCategory>;
export const InteractionType = z.enum(INTERACTION_TYPES);
export type InteractionType = z.infer<typeof InteractionType>;
export const DeviceType = z.enum(DEVICE_TYPES);
export type DeviceType = z.infer<typeof DeviceType>;
export const Browser = z.enum(BROWSERS);
export type Browser = z.infer<typeof Browser>;
export const OperatingSystem = z.enum(OPERATING_SYSTEMS);
export type OperatingSystem = z.infer<typeof OperatingSystem>;

/** USD amount rounded to cents: never more than two decimals. */
export const Money = z
  .number()
  .nonnegative()
  .refine((x) => Math.round(x * 100) / 100 === x, "at most two decimals");

export const Location = z.object({
  city: z.string(),
  region: z.string(),
  country: z.string(),
  country_code: z.string().length(2),
});
export type Location = z.infer<typeof Location>;

/** A shopper (the spec's `users` topic; GourmetGram's users are `@gg/core/user`'s). */
export const ClickstreamUser = z.object({
  user_id: z.uuid(),
  email: z.email(),
  first_name: z.string(),
  last_name: z.string(),
  age: z.int().min(18).max(80),
  gender: z.enum(GENDERS),
  location: Location,
  segment: Segment,
  registration_date: EventTimestamp,
  last_active: EventTimestamp,
  total_spent: Money,
  order_count: z.int().nonnegative(),
  preferred_categories: z.array(ProductCategory).min(1).max(4),
  device_type: DeviceType,
  browser: Browser,
});
export type ClickstreamUser = z.infer<typeof ClickstreamUser>;

export const Product = z.object({
  product_id: z.uuid(),
  name: z.string(),
  category: ProductCategory,
  price: Money,
  description: z.string(),
  brand: z.string(),
  rating: z.number().min(3).max(5),
  review_count: z.int().nonnegative(),
  in_stock: z.boolean(),
  /** 1 for the most popular product, falling with its Zipf rank. */
  popularity_score: z.number().min(0).max(1),
  tags: z.array(z.string()),
});
export type Product = z.infer<typeof Product>;

export const Interaction = z.object({
  interaction_id: z.uuid(),
  user_id: z.uuid(),
  product_id: z.uuid(),
  session_id: z.uuid(),
  interaction_type: InteractionType,
  timestamp: EventTimestamp,
  /** Seconds on the product page: views only, else null. */
  duration_seconds: z.int().positive().nullable(),
  /** Units: add_to_cart and purchase only, else null. */
  quantity: z.int().positive().nullable(),
  /** price × quantity: purchases only, else null. */
  revenue: Money.nullable(),
  device_type: DeviceType,
  browser: Browser,
  os: OperatingSystem,
  /** Site-relative path, as in the seed: `/products/<category>/<product_id>`, `/checkout/complete`. */
  page_url: z.string().startsWith("/"),
  /** The previous page's path; for the first event, the external entry URL (null: direct). */
  referrer: z.string().nullable(),
});
export type Interaction = z.infer<typeof Interaction>;

/** A shopper's visit (the spec's `sessions` topic). */
export const ClickstreamSession = z.object({
  session_id: z.uuid(),
  user_id: z.uuid(),
  start_time: EventTimestamp,
  end_time: EventTimestamp,
  device_type: DeviceType,
  browser: Browser,
  ip_address: z.ipv4(),
  location: Location,
  interaction_count: z.int().positive(),
  total_revenue: Money,
  /** Distinct products with a view event, in first-view order. */
  products_viewed: z.array(z.uuid()),
  /** Distinct products purchased, in purchase order. */
  products_purchased: z.array(z.uuid()),
});
export type ClickstreamSession = z.infer<typeof ClickstreamSession>;

/**
 * The clickstream topics by entity kind, keyed by entity id. Their names are the spec's defaults;
 * a deployment may rename each (`clickstreamTopicNames`), the schema and key stay.
 */
export const CLICKSTREAM_TOPICS = {
  users: defineTopic({ name: "users", schema: ClickstreamUser, key: (u) => u.user_id }),
  products: defineTopic({ name: "products", schema: Product, key: (p) => p.product_id }),
  interactions: defineTopic({
    name: "interactions",
    schema: Interaction,
    key: (i) => i.interaction_id,
  }),
  sessions: defineTopic({ name: "sessions", schema: ClickstreamSession, key: (s) => s.session_id }),
} as const;

/** The clickstream's entity kinds, one topic each. */
export type ClickstreamKind = keyof typeof CLICKSTREAM_TOPICS;
export const CLICKSTREAM_KINDS = Object.keys(CLICKSTREAM_TOPICS) as readonly ClickstreamKind[] as [
  ClickstreamKind,
  ...ClickstreamKind[],
];

/** The clickstream topics, for lookups by name. */
export const ClickstreamTopics = createTopicRegistry(
  Object.values(CLICKSTREAM_TOPICS) as TopicDef<unknown>[],
);

/** Topic name per kind: the registry's names with `overrides` (a deployment's own names) applied. */
export function clickstreamTopicNames(
  overrides: Partial<Record<ClickstreamKind, string>> = {},
): Record<ClickstreamKind, string> {
  return Object.fromEntries(
    CLICKSTREAM_KINDS.map((k) => [k, overrides[k] ?? CLICKSTREAM_TOPICS[k].name]),
  ) as Record<ClickstreamKind, string>;
}

/** CLICKSTREAM_TOPIC_USERS, _PRODUCTS, _INTERACTIONS and _SESSIONS, each naming its kind's topic. */
export function clickstreamTopicNamesFromEnv(env: Env): Record<ClickstreamKind, string> {
  const name = (variable: string) => {
    const v = read(env, variable);
    const checked = TopicName.safeParse(v);
    if (v !== undefined && !checked.success) {
      throw invalidInput(`${variable}="${v}" is ${checked.error.issues[0]?.message}`);
    }
    return v;
  };
  return clickstreamTopicNames({
    users: name("CLICKSTREAM_TOPIC_USERS"),
    products: name("CLICKSTREAM_TOPIC_PRODUCTS"),
    interactions: name("CLICKSTREAM_TOPIC_INTERACTIONS"),
    sessions: name("CLICKSTREAM_TOPIC_SESSIONS"),
  });
}
