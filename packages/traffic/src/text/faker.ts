import { base, en, Faker, type Randomizer } from "@faker-js/faker";
import { createRandom, type Random } from "@gg/core/random";

/** A Faker whose every draw comes from a `Random` we swap in per event. */
export interface TextSource {
  readonly faker: Faker;
  /** Routes the faker's draws to `rng` until the next call. */
  use(rng: Random): void;
}

/**
 * A fresh (never the global) English Faker driven by our xoshiro source. Swapping the source per
 * event costs nothing, where `faker.seed()` re-initialises a Mersenne Twister (~40 µs), and
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
  const faker = new Faker({ locale: [en, base], randomizer });
  return {
    faker,
    use(rng) {
      current = rng;
    },
  };
}
