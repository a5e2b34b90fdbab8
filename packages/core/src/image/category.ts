import { normalizeCategory, UNKNOWN } from "../food11/index";

/** The category an event carries: never null, since the stream consumer needs a string. */
export const eventCategory = (category: string | null) =>
  (category ? normalizeCategory(category) : undefined) ?? UNKNOWN;
