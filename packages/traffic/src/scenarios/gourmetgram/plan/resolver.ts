import type { Random } from "@gg/core/random";
import { createTextSource, type TextSource } from "../../../faker/index";
import {
  type ActorKind,
  ActorPicker,
  type OpenSession,
  PopularityPicker,
} from "../behaviour/index";
import type { ImageIndex } from "../images/index";
import { caption, comment, flagReason, newUser } from "../text/index";
import { nextKey, skipKey } from "./keys";
import type { PlannerConfig } from "./planner-config";
import type { Slot } from "./slots";
import type { Action, KnownImage, KnownUser, PlannedEvent, SkipReason } from "./types";

type Resolved = Action & { session: { id: string; segment: OpenSession["segment"] } | null };

/** What a minute's events are resolved against. */
export interface ResolveContext {
  readonly root: Random;
  readonly minuteMs: number;
  readonly config: PlannerConfig;
  readonly users: readonly KnownUser[];
  readonly images: readonly KnownImage[];
  readonly dataset: ImageIndex | null;
  /** The stream actors and targets are drawn from (a shard's own; default `social`). */
  readonly social?: string;
}

/**
 * Turns slots into events: actor, target and payload. State-dependent choices (actors, targets)
 * share one sequential stream; text and dataset picks use a stream per event index, so they do
 * not shift when state does. Pickers and Faker are built lazily: an empty minute costs nothing.
 */
export class EventResolver {
  private readonly social: Random;
  private readonly keys: Random;
  private actorPicker: ActorPicker | undefined;
  private popularity: PopularityPicker | undefined;
  private textSource: TextSource | undefined;
  private viralTarget: { id: string; index: number } | null | undefined;

  constructor(private readonly ctx: ResolveContext) {
    this.social = ctx.root.fork(ctx.social ?? "social");
    this.keys = ctx.root.fork("keys");
  }

  /** Steps over an event of another slice: its key is drawn (keys stay the whole minute's), not formatted. */
  pass(): void {
    skipKey(this.keys);
  }

  /** The event for `slot` at position `index` (call in index order). */
  resolve(slot: Slot, index: number): PlannedEvent {
    const key = nextKey(this.keys);
    const action = this.action(slot, index, key);
    // Literal objects of one shape per status keep V8's property access monomorphic.
    return typeof action === "string"
      ? {
          index,
          offsetMs: slot.offsetMs,
          atMs: this.ctx.minuteMs + slot.offsetMs,
          idempotencyKey: key,
          status: "skipped",
          kind: slot.kind,
          reason: action,
        }
      : {
          index,
          offsetMs: slot.offsetMs,
          atMs: this.ctx.minuteMs + slot.offsetMs,
          idempotencyKey: key,
          status: "planned",
          ...action,
        };
  }

  private action(slot: Slot, index: number, key: string): Resolved | SkipReason {
    const own = () => this.ctx.root.fork(`event/${index}`);
    const kind = slot.kind;
    if (kind === "user") {
      return {
        kind,
        payload: newUser(this.text(), own(), this.ctx.config.testAccountRate),
        session: null,
      };
    }
    if (kind === "upload") {
      const entries = this.ctx.dataset?.entries ?? [];
      if (entries.length === 0) return "no-dataset";
      const s = this.actors().pick(kind, this.social, key);
      if (!s) return "no-user";
      const rng = own();
      const entry = entries[rng.int(0, entries.length - 1)]!;
      const payload = {
        userId: s.userId,
        caption: caption(this.text(), rng, entry.category),
        category: entry.category,
        image: { path: entry.path, category: entry.category },
      };
      return { kind, payload, session: ref(s) };
    }

    const fixed = slot.viral ? this.viral() : undefined;
    if (fixed === null || (fixed === undefined && this.ctx.images.length === 0)) return "no-image";
    const s = this.actors().pick(kind, this.social, key, !slot.viral);
    if (!s) return "no-user";
    const target = fixed ?? this.target(kind, s);
    if (target.index >= 0) {
      this.picker().record(target.index, kind);
      s.lastImage = target.index;
    }
    const imageId = target.id;
    const session = ref(s);
    if (kind === "view") return { kind, payload: { imageId, userId: s.userId }, session };
    const rng = own();
    if (kind === "comment") {
      return {
        kind,
        payload: { imageId, userId: s.userId, content: comment(this.text(), rng) },
        session,
      };
    }
    return { kind, payload: { userId: s.userId, imageId, reason: flagReason(rng) }, session };
  }

  // A comment or flag often lands on what the session just looked at; otherwise popularity decides.
  private target(kind: ActorKind, s: OpenSession): { id: string; index: number } {
    const revisit =
      kind !== "view" &&
      s.lastImage >= 0 &&
      this.social.bool(this.ctx.config.sessions.revisitProbability);
    const index = revisit ? s.lastImage : this.picker().pick(this.social);
    return { id: this.ctx.images[index]!.id, index };
  }

  private viral(): { id: string; index: number } | null {
    if (this.viralTarget === undefined) {
      const id = this.ctx.config.viral.targetImageId;
      if (id !== undefined) {
        this.viralTarget = { id, index: this.ctx.images.findIndex((i) => i.id === id) };
      } else if (this.ctx.images.length > 0) {
        const index = this.picker().pick(this.ctx.root.fork("viral-target"));
        this.viralTarget = { id: this.ctx.images[index]!.id, index };
      } else {
        this.viralTarget = null;
      }
    }
    return this.viralTarget;
  }

  private actors(): ActorPicker {
    this.actorPicker ??= new ActorPicker(
      this.ctx.users,
      this.ctx.config.segments,
      this.ctx.config.sessions,
    );
    return this.actorPicker;
  }

  private picker(): PopularityPicker {
    this.popularity ??= new PopularityPicker(this.ctx.images);
    return this.popularity;
  }

  private text(): TextSource {
    this.textSource ??= createTextSource();
    return this.textSource;
  }
}

function ref(s: OpenSession): { id: string; segment: OpenSession["segment"] } {
  return { id: s.id, segment: s.segment };
}
