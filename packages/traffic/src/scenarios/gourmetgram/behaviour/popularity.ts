import type { Random } from "@gg/core/random";
import { WeightTree } from "./fenwick";

/** Engagement counters of a known image. */
export interface Engagement {
  views: number;
  comments: number;
  flags: number;
  /** A weight given directly (a sampled state's estimate); it wins over the counters. */
  weight?: number;
}

/** What one action adds to its image's weight: the original's +1 view, +2 comment, +3 flag. */
export const ENGAGEMENT_POINTS = { view: 1, comment: 2, flag: 3 } as const;
export type EngagementKind = keyof typeof ENGAGEMENT_POINTS;

/** The original generator's image weight: 1 + views + 2·comments + 3·flags (rich get richer). */
export function engagementWeight(e: Engagement): number {
  if (e.weight !== undefined) return e.weight;
  return (
    1 +
    e.views * ENGAGEMENT_POINTS.view +
    e.comments * ENGAGEMENT_POINTS.comment +
    e.flags * ENGAGEMENT_POINTS.flag
  );
}

/**
 * Engagement-weighted image choice whose weights move as the plan goes, so an image viewed
 * early in a minute is likelier to be viewed again later in it.
 */
export class PopularityPicker {
  private readonly tree: WeightTree;

  constructor(images: readonly Engagement[]) {
    this.tree = new WeightTree(images.map(engagementWeight));
  }

  get size(): number {
    return this.tree.size;
  }

  /** An image index, ∝ its current engagement weight. */
  pick(rng: Random): number {
    return this.tree.draw(rng);
  }

  /** Records an action on image `index`, raising its weight. */
  record(index: number, kind: EngagementKind): void {
    this.tree.add(index, ENGAGEMENT_POINTS[kind]);
  }
}
