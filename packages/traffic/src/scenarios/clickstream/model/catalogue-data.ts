// Static vocabulary for the clickstream world. Data only: the logic that draws from it lives in
// pools.ts and world.ts (faker's split between locale data and generators).
import type { Browser, DeviceType, OperatingSystem, ProductCategory } from "@gg/core/kafka";

/** Product nouns per category, so names read like their category ("... Wireless Earbuds"). */
export const CATEGORY_NOUNS: Record<ProductCategory, readonly string[]> = {
  electronics: ["Earbuds", "Headphones", "Smartwatch", "Tablet", "Speaker", "Monitor", "Webcam"],
  clothing: ["Jacket", "T-Shirt", "Jeans", "Sweater", "Dress", "Sneakers", "Hoodie"],
  home: ["Lamp", "Cookware Set", "Throw Blanket", "Vase", "Desk Organizer", "Rug", "Kettle"],
  beauty: ["Serum", "Moisturizer", "Lipstick", "Shampoo", "Face Mask", "Perfume", "Sunscreen"],
  sports: ["Yoga Mat", "Dumbbells", "Running Shoes", "Tennis Racket", "Backpack", "Water Bottle"],
  books: ["Novel", "Cookbook", "Biography", "Field Guide", "Atlas", "Poetry Collection"],
  toys: ["Puzzle", "Building Blocks", "Plush Bear", "Board Game", "Kite", "Train Set"],
  automotive: ["Dash Cam", "Floor Mats", "Jump Starter", "Tire Inflator", "Seat Covers"],
  grocery: ["Coffee Beans", "Olive Oil", "Granola", "Green Tea", "Dark Chocolate", "Honey"],
  health: ["Multivitamin", "Protein Powder", "Thermometer", "First Aid Kit", "Massage Gun"],
};

/** Tag vocabulary per category (the seed's lists). */
export const CATEGORY_TAGS: Record<ProductCategory, readonly string[]> = {
  electronics: ["wireless", "smart", "portable", "hd", "bluetooth", "touchscreen"],
  clothing: ["cotton", "formal", "casual", "summer", "winter", "vintage"],
  home: ["modern", "vintage", "compact", "luxury", "minimalist", "decorative"],
  beauty: ["organic", "natural", "luxury", "professional", "skincare", "moisturizing"],
  sports: ["outdoor", "fitness", "professional", "lightweight", "durable", "waterproof"],
  books: ["bestseller", "fiction", "non-fiction", "educational", "award-winning", "classic"],
  toys: ["educational", "interactive", "safe", "creative", "battery-operated", "wooden"],
  automotive: ["durable", "high-performance", "fuel-efficient", "luxury", "sport", "electric"],
  grocery: ["organic", "fresh", "local", "gluten-free", "premium", "artisanal"],
  health: ["natural", "vitamin-rich", "organic", "doctor-recommended", "clinically-tested", "safe"],
};

/**
 * Countries users live in, with the faker locale that makes their names and cities coherent
 * (scripts/make-country-vocabulary.ts turns each locale into country-vocabulary.ts).
 */
export const COUNTRIES = [
  { code: "US", name: "United States", locale: "en_US", weight: 40 },
  { code: "GB", name: "United Kingdom", locale: "en_GB", weight: 12 },
  { code: "DE", name: "Germany", locale: "de", weight: 10 },
  { code: "FR", name: "France", locale: "fr", weight: 8 },
  { code: "CA", name: "Canada", locale: "en_CA", weight: 8 },
  { code: "IN", name: "India", locale: "en_IN", weight: 7 },
  { code: "AU", name: "Australia", locale: "en_AU", weight: 6 },
  { code: "ES", name: "Spain", locale: "es", weight: 5 },
  { code: "IT", name: "Italy", locale: "it", weight: 4 },
] as const;
export type CountryCode = (typeof COUNTRIES)[number]["code"];

/** Device shares of sessions (mobile-first, as in most retail analytics). */
export const DEVICE_WEIGHTS: Record<DeviceType, number> = { mobile: 58, desktop: 35, tablet: 7 };
export const BROWSER_WEIGHTS: Record<Browser, number> = {
  chrome: 63,
  safari: 24,
  firefox: 6,
  edge: 7,
};

/** The operating system a device and browser pair implies (Safari means Apple; Edge on desktop, Windows). */
export const DEVICE_OS: Record<DeviceType, Record<Browser, OperatingSystem>> = {
  mobile: { chrome: "android", safari: "ios", firefox: "android", edge: "android" },
  desktop: { chrome: "windows", safari: "macos", firefox: "linux", edge: "windows" },
  tablet: { chrome: "android", safari: "ipados", firefox: "android", edge: "android" },
};

/** Where sessions come from; null is direct traffic (typed URL, bookmark). */
export const ENTRY_REFERRERS: readonly (string | null)[] = [
  null,
  null,
  "https://www.google.com/",
  "https://www.google.com/",
  "https://www.google.com/",
  "https://www.bing.com/",
  "https://duckduckgo.com/",
  "https://www.instagram.com/",
  "https://www.facebook.com/",
  "https://www.pinterest.com/",
  "https://mail.example.net/newsletter",
];
