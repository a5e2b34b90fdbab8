import { SEGMENTS, type Segment } from "@gg/core/kafka";
import { hash32 } from "@gg/core/random";
import { z } from "zod";
import type { EventKind } from "./mix";

/** Kinds that an existing user performs (a `user` event creates one instead). */
export const ActorKinds = ["view", "comment", "upload", "flag"] as const;
export type ActorKind = (typeof ActorKinds)[number];

const Affinity = z.object({
  view: z.number().nonnegative(),
  comment: z.number().nonnegative(),
  upload: z.number().nonnegative(),
  flag: z.number().nonnegative(),
});

const Profile = z.object({
  /** Fraction of users in the segment. */
  share: z.number().nonnegative(),
  /** Relative actions per user per unit time. */
  activity: z.number().nonnegative(),
  /** Per-kind multipliers: how much more (or less) than average this segment does each kind. */
  affinity: Affinity,
});
export type SegmentProfile = z.infer<typeof Profile>;

/**
 * Segment profiles. Shares are the clickstream spec's 40/35/20/5; activity and affinities are
 * ours: heavier users act more often and upload and comment more, casual users mostly look (and
 * flag a little more readily).
 */
export const DEFAULT_SEGMENTS: Readonly<Record<Segment, SegmentProfile>> = {
  casual: { share: 0.4, activity: 1, affinity: { view: 1, comment: 0.6, upload: 0.4, flag: 1.3 } },
  regular: { share: 0.35, activity: 2.5, affinity: { view: 1, comment: 1, upload: 1, flag: 1 } },
  power: { share: 0.2, activity: 6, affinity: { view: 1, comment: 1.5, upload: 2, flag: 0.8 } },
  premium: {
    share: 0.05,
    activity: 8,
    affinity: { view: 1, comment: 1.4, upload: 2.5, flag: 0.5 },
  },
};

/** Segment profiles as configured: any segment left out keeps its default. */
export const SegmentsConfig = z
  .object({
    casual: Profile.optional(),
    regular: Profile.optional(),
    power: Profile.optional(),
    premium: Profile.optional(),
  })
  .transform((c) => ({ ...DEFAULT_SEGMENTS, ...stripUndefined(c) }))
  .refine((c) => SEGMENTS.some((s) => c[s].share > 0), "segment shares must have a positive sum");
export type SegmentsConfig = z.infer<typeof SegmentsConfig>;

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/**
 * A user's segment: a hash of its id mapped onto the cumulative shares, so it is stable across
 * restarts and cold starts without storing it anywhere.
 */
export function segmentOf(userId: string, profiles: SegmentsConfig = DEFAULT_SEGMENTS): Segment {
  return segmentAssigner(profiles)(userId);
}

/** `segmentOf` with the share thresholds computed once, for assigning many users. */
export function segmentAssigner(profiles: SegmentsConfig): (userId: string) => Segment {
  const total = SEGMENTS.reduce((s, k) => s + profiles[k].share, 0);
  let cumulative = 0;
  // Thresholds in hash space (0..2^32), so each user costs one hash and at most 4 compares.
  const thresholds = SEGMENTS.map((k) => {
    cumulative += profiles[k].share;
    return (cumulative / total) * 4294967296;
  });
  return (userId) => {
    const h = hash32(userId);
    for (let i = 0; i < 3; i++) if (h < (thresholds[i] as number)) return SEGMENTS[i] as Segment;
    return "premium";
  };
}

/**
 * P(kind | segment) implied by a global mix: kinds are drawn from the mix, then the actor's
 * segment ∝ users × activity × affinity[kind]; this reports the result for one segment.
 */
export function segmentMix(
  mix: Readonly<Record<EventKind, number>>,
  profiles: SegmentsConfig,
  userCounts: Readonly<Record<Segment, number>>,
  segment: Segment,
): Record<ActorKind, number> {
  const raw = ActorKinds.map((k) => {
    const z = SEGMENTS.reduce(
      (s, g) => s + userCounts[g] * profiles[g].activity * profiles[g].affinity[k],
      0,
    );
    const own = userCounts[segment] * profiles[segment].activity * profiles[segment].affinity[k];
    return z > 0 ? (mix[k] * own) / z : 0;
  });
  const total = raw.reduce((s, x) => s + x, 0);
  return Object.fromEntries(
    ActorKinds.map((k, i) => [k, total > 0 ? (raw[i] as number) / total : 0]),
  ) as Record<ActorKind, number>;
}
