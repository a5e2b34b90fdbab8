import type { Random } from "@gg/core/random";
import type { TextSource } from "../../../faker/index";
import type { Food11Category } from "../images/categories";
import {
  ADJECTIVES,
  BIRTH_YEARS,
  CAPTION_TEMPLATES,
  COMMENT_OPENERS,
  COUNTRIES,
  type Country,
  DISHES,
  FLAG_REASONS,
  type FlagReason,
} from "./vocabulary";

/** A new user as the API's `POST /users/` takes it. */
export interface NewUser {
  username: string;
  country_of_residence: Country;
  year_of_birth: number;
  is_test_account: boolean;
  tos_version_accepted: number;
}

/** The original's user rules: faker user name + `_` + number, its 12 countries, 1960–2007, test accounts at `testAccountRate`. */
export function newUser(text: TextSource, rng: Random, testAccountRate: number): NewUser {
  text.use(rng);
  return {
    username: `${text.faker.internet.username()}_${rng.int(1, 99_999)}`,
    country_of_residence: rng.pick(COUNTRIES),
    year_of_birth: rng.int(BIRTH_YEARS.min, BIRTH_YEARS.max),
    is_test_account: rng.bool(testAccountRate),
    tos_version_accepted: 1,
  };
}

/** A caption naming a dish of the image's category: "Trying out spicy egg - <sentence>". */
export function caption(text: TextSource, rng: Random, category: Food11Category): string {
  text.use(rng);
  const dish = rng.pick(DISHES[category]);
  const head = rng
    .pick(CAPTION_TEMPLATES)
    .replace("{adj}", rng.pick(ADJECTIVES))
    .replace("{dish}", dish)
    .replace("{Dish}", dish.charAt(0).toUpperCase() + dish.slice(1));
  return `${head} - ${text.faker.lorem.sentence()}`;
}

/** A comment like "Wow, <sentence>". */
export function comment(text: TextSource, rng: Random): string {
  text.use(rng);
  const opener = rng.pick(COMMENT_OPENERS);
  const sentence = text.faker.lorem.sentence();
  // "Wow," reads as one sentence with what follows, so lower-case its first letter.
  const body = opener.endsWith(",")
    ? sentence.charAt(0).toLowerCase() + sentence.slice(1)
    : sentence;
  return `${opener} ${body}`;
}

/** One of the original's eight flag reasons. */
export function flagReason(rng: Random): FlagReason {
  return rng.pick(FLAG_REASONS);
}
