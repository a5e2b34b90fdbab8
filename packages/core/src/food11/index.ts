/** The 11 Food-11 categories, by class index: byte-exact, as downstream consumers expect. */
export const CATEGORIES = [
  "Bread",
  "Dairy product",
  "Dessert",
  "Egg",
  "Fried food",
  "Meat",
  "Noodles/Pasta",
  "Rice",
  "Seafood",
  "Soup",
  "Vegetable/Fruit",
] as const;
export type Category = (typeof CATEGORIES)[number];
/** What an image without a known category is sent as (never null: the stream consumer needs a string). */
export const UNKNOWN = "Unknown";

const byLowerName = new Map(CATEGORIES.map((c) => [c.toLowerCase(), c]));

/**
 * The canonical category for a client's string: an exact or case-insensitive name, a class
 * index ("3"), or the dataset's folder name ("class_03"). Undefined when it is none of those.
 */
export function normalizeCategory(input: string): Category | typeof UNKNOWN | undefined {
  const s = input.trim();
  if (s.toLowerCase() === UNKNOWN.toLowerCase()) return UNKNOWN;
  const named = byLowerName.get(s.toLowerCase());
  if (named) return named;
  const m = /^(?:class_)?(\d{1,2})$/i.exec(s);
  return m ? CATEGORIES[Number(m[1])] : undefined;
}
