import { z } from "zod";

/** The clickstream's closed vocabularies; array order is the index used in the world's typed arrays. */
export const SEGMENTS = ["casual", "regular", "power", "premium"] as const;
/** The clickstream's entity kinds; the Kafka layer maps each to its configured topic name. */
export const CLICKSTREAM_TOPICS = ["users", "products", "interactions", "sessions"] as const;
export type ClickstreamTopic = (typeof CLICKSTREAM_TOPICS)[number];
export const CATEGORIES = [
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

export const Segment = z.enum(SEGMENTS);
export type Segment = z.infer<typeof Segment>;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;
export const InteractionType = z.enum(INTERACTION_TYPES);
export type InteractionType = z.infer<typeof InteractionType>;
export const DeviceType = z.enum(DEVICE_TYPES);
export type DeviceType = z.infer<typeof DeviceType>;
export const Browser = z.enum(BROWSERS);
export type Browser = z.infer<typeof Browser>;
export const OperatingSystem = z.enum(OPERATING_SYSTEMS);
export type OperatingSystem = z.infer<typeof OperatingSystem>;

/** The contract's timestamp: UTC, explicit `+00:00`, six fractional digits. */
export const Timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/, "UTC ISO-8601 with micros");

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

export const User = z.object({
  user_id: z.uuid(),
  email: z.email(),
  first_name: z.string(),
  last_name: z.string(),
  age: z.int().min(18).max(80),
  gender: z.enum(GENDERS),
  location: Location,
  segment: Segment,
  registration_date: Timestamp,
  last_active: Timestamp,
  total_spent: Money,
  order_count: z.int().nonnegative(),
  preferred_categories: z.array(Category).min(1).max(4),
  device_type: DeviceType,
  browser: Browser,
});
export type User = z.infer<typeof User>;

export const Product = z.object({
  product_id: z.uuid(),
  name: z.string(),
  category: Category,
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
  timestamp: Timestamp,
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

export const Session = z.object({
  session_id: z.uuid(),
  user_id: z.uuid(),
  start_time: Timestamp,
  end_time: Timestamp,
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
export type Session = z.infer<typeof Session>;
