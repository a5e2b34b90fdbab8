import { Alias, type Random } from "@gg/core/random";
import { type EventKind, EventKinds, type Mix } from "../behaviour/index";
import { drawArrivals, uniformOffsets } from "./arrivals";
import type { ViralConfig } from "./config";

/** A drawn event before its actor and target are chosen. */
export interface Slot {
  readonly offsetMs: number;
  readonly kind: EventKind;
  /** Part of a viral burst: aimed at the viral target, actors drawn independently. */
  readonly viral: boolean;
}

/**
 * The Poisson background: times, then kinds i.i.d. from the mix. Kinds come from their own
 * stream and never from state, so a replay with newer state keeps every index's kind (and key).
 */
export function poissonSlots(root: Random, ratePerSecond: number, mix: Mix): Slot[] {
  const { count, offsetsMs } = drawArrivals(
    root.fork("count"),
    root.fork("offsets"),
    ratePerSecond,
  );
  if (count === 0) return [];
  const kinds = root.fork("kinds");
  const alias = new Alias(EventKinds.map((k) => mix[k]));
  const slots: Slot[] = new Array(count);
  for (let i = 0; i < count; i++) {
    slots[i] = {
      offsetMs: offsetsMs[i] as number,
      kind: EventKinds[alias.draw(kinds)] as EventKind,
      viral: false,
    };
  }
  return slots;
}

/** The viral burst: exactly `views` + `comments` + `flags` events, spread uniformly over the minute. */
export function viralSlots(root: Random, viral: ViralConfig): Slot[] {
  const kinds: EventKind[] = [
    ...Array<EventKind>(viral.views).fill("view"),
    ...Array<EventKind>(viral.comments).fill("comment"),
    ...Array<EventKind>(viral.flags).fill("flag"),
  ];
  const shuffled = root.fork("viral-kinds").shuffle(kinds);
  const { offsetsMs } = uniformOffsets(root.fork("viral-offsets"), shuffled.length);
  return shuffled.map((kind, i) => ({ offsetMs: offsetsMs[i] as number, kind, viral: true }));
}

/** Merges time-sorted slot lists into one (stable: background first on equal times). */
export function mergeSlots(a: Slot[], b: Slot[]): Slot[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: Slot[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.offsetMs <= y.offsetMs)) {
      out.push(x as Slot);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}
