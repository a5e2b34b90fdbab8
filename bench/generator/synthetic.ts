import type { KnownState } from "@gg/traffic/plan";

const uuid = (p: string, i: number) =>
  `${p}${String(i).padStart(7, "0")}-0000-4000-8000-000000000000`;

/** The null sink keeps nothing: a fixed population of 1,000 users and images to act on. */
export const SYNTHETIC: KnownState = {
  users: Array.from({ length: 1_000 }, (_, i) => ({ id: uuid("1", i) })),
  images: Array.from({ length: 1_000 }, (_, i) => ({
    id: uuid("2", i),
    userId: uuid("1", i),
    views: i % 50,
    comments: i % 7,
    flags: i % 3,
  })),
};
