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

/**
 * A seed as a person writes it (a variable, a flag): a whole number is that number, anything else
 * the text. 42 and "42" seed the same draws either way; the number only reads as written.
 */
export function parseSeed(text: string): string | number {
  const n = Number(text);
  return /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(n) ? n : text;
}
