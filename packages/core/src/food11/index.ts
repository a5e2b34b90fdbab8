import { z } from "zod";
import { SPACE } from "../fields/index";

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

// normalizeCategory's rule as a pattern. JSON Schema has no case-insensitive flag, so each letter
// is a class of what lowercases to it: both cases, and for `k` the Kelvin sign, the one non-ASCII
// character that lowercases to an ASCII letter.
const anyCase = (name: string) =>
  [...name]
    .map((ch) => {
      const lower = ch.toLowerCase();
      if (lower === ch.toUpperCase()) return ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return `[${lower}${ch.toUpperCase()}${lower === "k" ? "\\u212a" : ""}]`;
    })
    .join("");
const CATEGORY_PATTERN = `^[${SPACE}]*(?:${[...CATEGORIES, UNKNOWN].map(anyCase).join("|")}|(?:${anyCase("class_")})?(?:0?[0-9]|10))[${SPACE}]*$`;

/** A client's category: a Food-11 name in any case, `Unknown`, a class index or `class_NN`. */
export const CategoryInput = z
  .string()
  .max(100)
  .refine((s) => normalizeCategory(s) !== undefined, {
    message: "category must be a Food-11 class name or index",
  })
  .meta({ pattern: CATEGORY_PATTERN });
