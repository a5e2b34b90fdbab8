import type { Food11Category } from "../images/categories";

/** The original generator's countries of residence. */
export const COUNTRIES = [
  "US",
  "IN",
  "BR",
  "DE",
  "GB",
  "CA",
  "MX",
  "FR",
  "JP",
  "KR",
  "NG",
  "ZA",
] as const;
export type Country = (typeof COUNTRIES)[number];

/** The original generator's eight flag reasons, verbatim. */
export const FLAG_REASONS = [
  "harassment in caption",
  "spam in comment",
  "offensive language",
  "violent content",
  "hate speech",
  "misleading content",
  "graphic description",
  "personal attack",
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** Birth years the original drew from, inclusive. */
export const BIRTH_YEARS = { min: 1960, max: 2007 } as const;

/** Dishes per Food-11 category, so a caption names something the picture could show. */
export const DISHES: Readonly<Record<Food11Category, readonly string[]>> = {
  Bread: ["sourdough", "garlic bread", "focaccia", "bagel", "croissant", "naan"],
  "Dairy product": ["aged cheddar", "greek yogurt", "burrata", "milkshake", "paneer", "brie"],
  Dessert: ["tiramisu", "chocolate cake", "cheesecake", "macarons", "gelato", "apple pie"],
  Egg: ["egg", "shakshuka", "eggs benedict", "omelette", "scrambled eggs", "egg tart"],
  "Fried food": ["fried chicken", "french fries", "tempura", "onion rings", "falafel", "karaage"],
  Meat: ["ribeye steak", "pulled pork", "lamb chops", "brisket", "meatballs", "bulgogi"],
  "Noodles/Pasta": ["ramen", "carbonara", "pad thai", "lasagna", "pho", "udon"],
  Rice: ["fried rice", "risotto", "biryani", "paella", "bibimbap", "jollof rice"],
  Seafood: ["grilled salmon", "shrimp scampi", "oysters", "fish tacos", "lobster roll", "poke"],
  Soup: ["tomato soup", "miso soup", "minestrone", "clam chowder", "lentil soup", "tom yum"],
  "Vegetable/Fruit": [
    "fruit salad",
    "roasted veggies",
    "caprese salad",
    "mango",
    "grilled asparagus",
    "berry bowl",
  ],
};

export const ADJECTIVES = [
  "spicy",
  "homemade",
  "crispy",
  "smoky",
  "fresh",
  "creamy",
  "tangy",
  "golden",
  "loaded",
  "classic",
] as const;

/** Caption templates: `{dish}` and `{adj}` are filled in, then " - <sentence>" follows. */
export const CAPTION_TEMPLATES = [
  "Trying out {adj} {dish}",
  "Homemade {dish} tonight",
  "First time making {adj} {dish}",
  "Can't stop eating this {dish}",
  "Weekend {dish} with friends",
  "{Dish} of the day",
] as const;

/** Comment openers; a faker sentence follows ("Wow, <sentence>."). */
export const COMMENT_OPENERS = [
  "Wow,",
  "Looks delicious!",
  "I need this recipe.",
  "So good.",
  "Yum!",
  "Where is this?",
] as const;
