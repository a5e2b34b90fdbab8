/** Seeded randomness: every random draw in the project goes through a `Random`. */
export { Alias } from "./alias";
export { fmix32, hash32 } from "./hash";
export { Random } from "./random";
export { fastUuid } from "./uuid";

import { Random } from "./random";

/** A `Random` for a seed and a label path, e.g. `createRandom(42, "minute", iso)`. */
export function createRandom(seed: string | number, ...labels: (string | number)[]): Random {
  return new Random([String(seed), ...labels.map(String)].join("/"));
}
