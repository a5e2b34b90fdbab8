import type { Faker, Randomizer } from "@faker-js/faker";
// The English entry only: the package root loads every locale into each isolate's heap, and the
// firehose runs one isolate per lane. Its instance has the en + base definitions we want.
import { faker as english } from "@faker-js/faker/locale/en";
import { createRandom, type Random } from "@gg/core/random";

/** A Faker whose every draw comes from a `Random` we swap in per event. */
export interface TextSource {
  readonly faker: Faker;
  /** Routes the faker's draws to `rng` until the next call. */
  use(rng: Random): void;
}

/**
 * A fresh (never the global) English Faker driven by our xoshiro source. Swapping the source per
 * event costs nothing, where `faker.seed()` re-initialises a Mersenne Twister each time, and
 * keeps each event's text a function of that event's own stream.
 */
export function createTextSource(): TextSource {
  let current: Random = createRandom("faker-unset");
  const randomizer: Randomizer = {
    next: () => current.next(),
    seed: (seed) => {
      current = createRandom(Array.isArray(seed) ? seed.join(",") : seed, "faker");
    },
  };
  // The locale entries export an instance, not the class: its constructor is the Faker class.
  // Read here, not at module scope, so a bundle that never makes a text source drops Faker.
  const FakerClass = english.constructor as typeof Faker;
  const faker = new FakerClass({ locale: english.rawDefinitions, randomizer });
  return {
    faker,
    use(rng) {
      current = rng;
    },
  };
}
