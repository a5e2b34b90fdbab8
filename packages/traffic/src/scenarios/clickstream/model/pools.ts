import type { Location } from "@gg/core/kafka";
import { Alias, createRandom, type Random } from "@gg/core/random";
import { createTextSource } from "../../../faker/index";
import { COUNTRIES } from "./catalogue-data";
import { COUNTRY_VOCABULARY } from "./country-vocabulary";

interface CountryPool {
  readonly firstFemale: readonly string[];
  readonly firstMale: readonly string[];
  readonly last: readonly string[];
  /** This country's slice of `Pools.places`. */
  readonly placeStart: number;
  readonly placeCount: number;
}

/**
 * Names, places and product text computed once per world. Generators then pick from these
 * arrays, which keeps Faker (slow, and global-state-prone) out of every per-event path.
 */
export interface Pools {
  readonly countries: readonly CountryPool[];
  readonly countryAlias: Alias;
  /** Shared, frozen Location objects: users and sessions reference them, never copy them. */
  readonly places: readonly Location[];
  readonly brands: readonly string[];
  readonly adjectives: readonly string[];
  readonly descriptions: readonly string[];
}

const NAMES = 48;
const PLACES = 32;

/**
 * Build the pools for `seed`: each country's names and places are a seeded sample of its fixed
 * vocabulary (country-vocabulary.ts), so the same seed gives the same pools and another seed
 * another subset. Product text comes from an English Faker on the same seeded source.
 */
export function buildPools(seed: string): Pools {
  const places: Location[] = [];
  const countries = COUNTRIES.map((country): CountryPool => {
    const vocabulary = COUNTRY_VOCABULARY[country.code];
    const rng = createRandom(seed, "pools", country.code);
    const placeStart = places.length;
    for (const place of sample(rng, vocabulary.places.split("|"), PLACES)) {
      const [city = place, region = ""] = place.split(";");
      places.push(
        Object.freeze({ city, region, country: country.name, country_code: country.code }),
      );
    }
    return {
      firstFemale: sample(rng, vocabulary.female.split("|"), NAMES),
      firstMale: sample(rng, vocabulary.male.split("|"), NAMES),
      last: sample(rng, vocabulary.last.split("|"), NAMES),
      placeStart,
      placeCount: places.length - placeStart,
    };
  });
  const text = createTextSource();
  text.use(createRandom(seed, "pools", "commerce"));
  const { faker } = text;
  return {
    countries,
    countryAlias: new Alias(COUNTRIES.map((c) => c.weight)),
    places,
    brands: distinct(() => faker.company.name(), 120),
    adjectives: distinct(() => faker.commerce.productAdjective(), 40),
    descriptions: distinct(() => faker.commerce.productDescription(), 64),
  };
}

// `count` items without replacement (a partial Fisher–Yates shuffle), or all of a shorter list.
function sample(rng: Random, items: string[], count: number): string[] {
  const n = Math.min(count, items.length);
  for (let i = 0; i < n; i++) {
    const j = rng.int(i, items.length - 1);
    [items[i], items[j]] = [items[j] as string, items[i] as string];
  }
  return items.slice(0, n);
}

// Up to `count` distinct values; small locale lists may hold fewer, which is fine for a pool.
function distinct(draw: () => string, count: number): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 8; tries++) out.add(draw());
  return [...out];
}
