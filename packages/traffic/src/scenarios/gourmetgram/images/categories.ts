import { CATEGORIES, type Category } from "@gg/core/food11";

/** Food-11 class names by index, byte-exact as consumers expect them (declared once, in core). */
export const FOOD11_CATEGORIES = CATEGORIES;
export type Food11Category = Category;

/** The category of class index `i` (0–10), or undefined outside the range. */
export function food11Category(i: number): Food11Category | undefined {
  return Number.isInteger(i) ? FOOD11_CATEGORIES[i] : undefined;
}
