import type { Segment } from "@gg/core/kafka";
import type { EventKind } from "../behaviour/index";
import type { Food11Category } from "../images/index";
import type { FlagReason, NewUser } from "../text/index";

/** A user the planner may pick as an actor (loaded from Postgres by the caller). */
export interface KnownUser {
  readonly id: string;
  /** ISO time; users created at or after the planned minute are ignored, so a replay sees the same users. */
  readonly createdAt?: string;
}

/** An image the planner may target, with the engagement counters that weight it. */
export interface KnownImage {
  readonly id: string;
  /** The owner, when the loader knows it (the sampled state does not: planning never uses it). */
  readonly userId?: string;
  readonly views: number;
  readonly comments: number;
  readonly flags: number;
  /**
   * The popularity weight when known directly (a sample's estimate of 1 + views + 2·comments +
   * 3·flags, see packages/traffic/src/scenarios/gourmetgram/state); without it the weight is computed from the counts.
   */
  readonly weight?: number;
  /** ISO time; images created at or after the planned minute are ignored. */
  readonly createdAt?: string;
}

/**
 * What exists before the minute. Pass it in a stable order (e.g. `ORDER BY created_at, id`):
 * the plan is a function of the order too.
 */
export interface KnownState {
  readonly users: readonly KnownUser[];
  readonly images: readonly KnownImage[];
}

/** The API call an event makes; field names follow the API bodies where it has them. */
export type Action =
  | { kind: "user"; payload: NewUser }
  | {
      kind: "upload";
      payload: {
        userId: string;
        caption: string;
        category: Food11Category;
        /** The dataset file to send; read with `readImage(index, image)` at fire time. */
        image: { path: string; category: Food11Category };
      };
    }
  | { kind: "view"; payload: { imageId: string; userId: string } }
  | { kind: "comment"; payload: { imageId: string; userId: string; content: string } }
  | { kind: "flag"; payload: { userId: string; imageId: string; reason: FlagReason } };

/** Why a drawn event does nothing (the original skipped these silently; we keep the record). */
export type SkipReason = "no-image" | "no-user" | "no-dataset";

interface EventCommon {
  /** Position in the minute's plan, 0-based, in time order. */
  readonly index: number;
  /** Milliseconds after the minute's start, in [0, 60000); fractional. */
  readonly offsetMs: number;
  /** Epoch milliseconds at which to fire. */
  readonly atMs: number;
  /** Deterministic from (seed, minute, index): a replayed minute sends the same keys. */
  readonly idempotencyKey: string;
}

/** One planned event: an action to fire, or a draw recorded as skipped. */
export type PlannedEvent =
  | (EventCommon &
      Action & {
        readonly status: "planned";
        /** The session the actor is in; null for `user` (nobody acts yet). */
        readonly session: { readonly id: string; readonly segment: Segment } | null;
      })
  | (EventCommon & {
      readonly status: "skipped";
      readonly kind: EventKind;
      readonly reason: SkipReason;
    });

/** A minute's complete plan. */
export interface MinutePlan {
  readonly seed: string;
  /** The minute's start, ISO-8601 UTC. */
  readonly minute: string;
  readonly minuteMs: number;
  readonly mode: "poisson" | "simulate_viral";
  /** The Poisson rate in force (events/second), before the draw. */
  readonly ratePerSecond: number;
  /** λ × 60: the expected number of background events. */
  readonly expected: number;
  readonly events: readonly PlannedEvent[];
}
