import {
  base,
  de,
  en,
  en_AU,
  en_CA,
  en_GB,
  en_IN,
  en_US,
  es,
  Faker,
  fr,
  it,
  type LocaleDefinition,
} from "@faker-js/faker";
import { Alias, hash32 } from "@gg/core/random";
import { COUNTRIES, type CountryLocale } from "./catalogue-data";
import type { Location } from "./schemas";

const LOCALES: Record<CountryLocale, LocaleDefinition> = {
  en_US,
  en_GB,
  de,
  fr,
  en_CA,
  en_IN,
  en_AU,
  es,
  it,
};

export interface CountryPool {
  readonly firstFemale: readonly string[];
  readonly firstMale: readonly string[];
  readonly last: readonly string[];
  /** This country's slice of `Pools.places`. */
  readonly placeStart: number;
  readonly placeCount: number;
}

/**
 * Faker output computed once per world. Generators then pick from these arrays, which keeps
 * Faker (slow, and global-state-prone) out of every per-event path.
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

/** Build the pools with Faker instances seeded from `seed`: same seed, same pools. */
export function buildPools(seed: string): Pools {
  const places: Location[] = [];
  const countries = COUNTRIES.map((country): CountryPool => {
    const faker = seededFaker(LOCALES[country.locale], `${seed}/pools/${country.code}`);
    const placeStart = places.length;
    const seen = new Set<string>();
    for (let tries = 0; seen.size < PLACES && tries < PLACES * 8; tries++) {
      const city = faker.location.city();
      if (seen.has(city)) continue;
      seen.add(city);
      const region = faker.location.state();
      places.push(
        Object.freeze({ city, region, country: country.name, country_code: country.code }),
      );
    }
    return {
      firstFemale: distinct(() => faker.person.firstName("female"), NAMES),
      firstMale: distinct(() => faker.person.firstName("male"), NAMES),
      last: distinct(() => faker.person.lastName(), NAMES),
      placeStart,
      placeCount: places.length - placeStart,
    };
  });
  const faker = seededFaker(en, `${seed}/pools/commerce`);
  return {
    countries,
    countryAlias: new Alias(COUNTRIES.map((c) => c.weight)),
    places,
    brands: distinct(() => faker.company.name(), 120),
    adjectives: distinct(() => faker.commerce.productAdjective(), 40),
    descriptions: distinct(() => faker.commerce.productDescription(), 64),
  };
}

function seededFaker(locale: LocaleDefinition, label: string): Faker {
  const faker = new Faker({ locale: [locale, en, base] });
  faker.seed(hash32(label));
  return faker;
}

// Up to `count` distinct values; small locale lists may hold fewer, which is fine for a pool.
function distinct(draw: () => string, count: number): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 8; tries++) out.add(draw());
  return [...out];
}
