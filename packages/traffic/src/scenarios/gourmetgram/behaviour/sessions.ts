import { SEGMENTS, type Segment } from "@gg/core/kafka";
import type { Random } from "@gg/core/random";
import { z } from "zod";
import { type ActorKind, ActorKinds, type SegmentsConfig, segmentAssigner } from "./segments";

/** How actions group into sessions. */
export const SessionConfig = z.object({
  /**
   * Chance that a segment's next action continues its open session (same user) rather than
   * starting a new one: session length is geometric with mean 1 / (1 − p).
   */
  continueProbability: z.number().min(0).max(0.99).default(0.6),
  /** Chance that a comment or flag in a session targets the image the session last looked at. */
  revisitProbability: z.number().min(0).max(1).default(0.5),
});
export type SessionConfig = z.infer<typeof SessionConfig>;

/** A user's run of related actions within the planned minute. */
export interface OpenSession {
  readonly id: string;
  readonly userId: string;
  readonly segment: Segment;
  /** Index (into the known images) of the last image this session touched, or -1. */
  lastImage: number;
}

/**
 * Chooses who acts. The kind is already drawn from the global mix (so the mix stays exact);
 * the segment is then drawn ∝ users × activity × affinity[kind], and within it the segment's
 * open session continues or a uniformly drawn member starts a new one. Continuing never changes
 * P(segment | kind), so per-user rates still follow activity × affinity.
 */
export class ActorPicker {
  private readonly members: Record<Segment, string[]>;
  private readonly weights: Record<ActorKind, number[]>;
  private readonly open: Partial<Record<Segment, OpenSession>> = {};

  constructor(
    users: readonly { id: string }[],
    profiles: SegmentsConfig,
    private readonly config: SessionConfig,
  ) {
    this.members = { casual: [], regular: [], power: [], premium: [] };
    const assign = segmentAssigner(profiles);
    for (const u of users) this.members[assign(u.id)].push(u.id);
    const counts = SEGMENTS.map((s) => this.members[s].length);
    this.weights = Object.fromEntries(
      ActorKinds.map((k) => {
        const w = SEGMENTS.map(
          (s, i) => (counts[i] as number) * profiles[s].activity * profiles[s].affinity[k],
        );
        // A kind no populated segment does falls back to uniform users rather than vanishing.
        return [k, w.some((x) => x > 0) ? w : counts];
      }),
    ) as Record<ActorKind, number[]>;
  }

  get hasUsers(): boolean {
    return SEGMENTS.some((s) => this.members[s].length > 0);
  }

  /** The acting session for an action of `kind`, or null when no user is known. */
  pick(kind: ActorKind, rng: Random, newSessionId: string, sessions = true): OpenSession | null {
    if (!this.hasUsers) return null;
    const segment = SEGMENTS[rng.weightedIndex(this.weights[kind])] as Segment;
    const current = this.open[segment];
    if (sessions && current && rng.bool(this.config.continueProbability)) return current;
    const session: OpenSession = {
      id: newSessionId,
      userId: rng.pick(this.members[segment]),
      segment,
      lastImage: -1,
    };
    if (sessions) this.open[segment] = session;
    return session;
  }
}
