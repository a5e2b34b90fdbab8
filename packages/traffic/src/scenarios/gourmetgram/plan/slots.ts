import { Alias, type Random } from "@gg/core/random";
import { AscendingOffsets, arrivalCount, uniformOffsets } from "../../../rates/index";
import { type EventKind, EventKinds, type Mix } from "../behaviour/index";
import type { ViralConfig } from "./planner-config";

/** A drawn event before its actor and target are chosen. */
export interface Slot {
  readonly offsetMs: number;
  readonly kind: EventKind;
  /** Part of a viral burst: aimed at the viral target, actors drawn independently. */
  readonly viral: boolean;
}

/** Slots in time order, one at a time; `count` is known before the first. */
export interface SlotSource {
  readonly count: number;
  next(): Slot | undefined;
}

const EMPTY: SlotSource = { count: 0, next: () => undefined };

/**
 * The Poisson background: times, then kinds i.i.d. from the mix. Kinds come from their own
 * stream and never from state, so a replay with newer state keeps every index's kind (and key).
 * Drawn lazily in time order, so firing can start before the minute is planned. `exact`: the
 * count is λ·60 rounded instead of a Poisson draw (a replayed shape's `exact`); times stay uniform.
 */
export function poissonSlots(
  root: Random,
  ratePerSecond: number,
  mix: Mix,
  exact = false,
): SlotSource {
  const count = exact
    ? Math.round(ratePerSecond * 60)
    : arrivalCount(root.fork("count"), ratePerSecond);
  if (count === 0) return EMPTY;
  const offsets = new AscendingOffsets(root.fork("offsets"), count);
  const kinds = root.fork("kinds");
  const alias = new Alias(EventKinds.map((k) => mix[k]));
  return {
    count,
    next() {
      const offsetMs = offsets.next();
      if (offsetMs === undefined) return undefined;
      return { offsetMs, kind: EventKinds[alias.draw(kinds)] as EventKind, viral: false };
    },
  };
}

/** The viral burst: exactly `views` + `comments` + `flags` events, spread uniformly over the minute. */
export function viralSlots(root: Random, viral: ViralConfig): SlotSource {
  const kinds: EventKind[] = [
    ...Array<EventKind>(viral.views).fill("view"),
    ...Array<EventKind>(viral.comments).fill("comment"),
    ...Array<EventKind>(viral.flags).fill("flag"),
  ];
  const shuffled = root.fork("viral-kinds").shuffle(kinds);
  const { offsetsMs } = uniformOffsets(root.fork("viral-offsets"), shuffled.length);
  let i = 0;
  return {
    count: shuffled.length,
    next() {
      if (i >= shuffled.length) return undefined;
      const slot = {
        offsetMs: offsetsMs[i] as number,
        kind: shuffled[i] as EventKind,
        viral: true,
      };
      i++;
      return slot;
    },
  };
}

/** Merges two time-ordered slot sources into one (stable: `a` first on equal times). */
export function mergeSlots(a: SlotSource, b: SlotSource): SlotSource {
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  let x = a.next();
  let y = b.next();
  return {
    count: a.count + b.count,
    next() {
      if (y === undefined || (x !== undefined && x.offsetMs <= y.offsetMs)) {
        const out = x;
        x = a.next();
        return out;
      }
      const out = y;
      y = b.next();
      return out;
    },
  };
}
