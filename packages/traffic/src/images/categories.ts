/** Food-11 class names by index, byte-exact as consumers expect them. */
export const FOOD11_CATEGORIES = [
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
export type Food11Category = (typeof FOOD11_CATEGORIES)[number];

/** The category of class index `i` (0–10), or undefined outside the range. */
export function food11Category(i: number): Food11Category | undefined {
  return Number.isInteger(i) ? FOOD11_CATEGORIES[i] : undefined;
}
