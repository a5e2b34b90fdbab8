import { createRandom } from "@gg/core/random";
import type { ImageIndex } from "@gg/traffic/gourmetgram/images";
import { FOOD11_CATEGORIES } from "@gg/traffic/gourmetgram/images";
import type { KnownState } from "@gg/traffic/gourmetgram/plan";
import { PlannerConfig, type PlannerConfigInput } from "@gg/traffic/gourmetgram/plan";

/** Known state with seeded uuids: `users` users and `images` images with zero engagement. */
export function makeState(seed: number, users: number, images: number): KnownState {
  const r = createRandom(seed, "fixture-state");
  const us = Array.from({ length: users }, () => ({ id: r.uuid() }));
  const is = Array.from({ length: images }, (_, i) => ({
    id: r.uuid(),
    userId: us[i % Math.max(1, users)]?.id ?? r.uuid(),
    views: 0,
    comments: 0,
    flags: 0,
  }));
  return { users: us, images: is };
}

/** An in-memory dataset index (nothing is read in unit tests of the planner). */
export const DATASET: ImageIndex = {
  root: "/nonexistent/food11",
  entries: FOOD11_CATEGORIES.flatMap((category, classIndex) =>
    [0, 1].map((n) => ({
      path: `training/class_${String(classIndex).padStart(2, "0")}/${n}.jpg`,
      classIndex,
      category,
    })),
  ),
};

/** A parsed planner configuration. */
export const config = (input: PlannerConfigInput = {}) => PlannerConfig.parse(input);

const T0 = Date.parse("2026-11-23T00:00:00Z");
export const minuteAt = (i: number) => new Date(T0 + i * 60_000);
