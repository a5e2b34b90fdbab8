import { createRandom } from "@gg/core/random";
import { rateAt } from "../../../rates/index";
import type { ImageIndex } from "../images/index";
import type { PlannerConfig } from "./planner-config";
import { EventResolver } from "./resolver";
import { mergeSlots, poissonSlots, viralSlots } from "./slots";
import type { KnownState, MinutePlan, PlannedEvent } from "./types";

const MINUTE_MS = 60_000;

/** The inputs a plan is a pure function of. */
export interface PlanInput {
  readonly seed: string | number;
  /** Any instant in the minute to plan; it is floored to the UTC minute. */
  readonly minute: Date;
  readonly config: PlannerConfig;
  readonly state: KnownState;
  /** The indexed image dataset for uploads; null plans uploads as skipped (`no-dataset`). */
  readonly dataset: ImageIndex | null;
  /**
   * Only the events whose index `i` has `i % count === index` (a shard's part of the minute); the
   * others are never resolved (no actor, target, payload or text), so a shard's CPU is its share.
   * Times, kinds and keys are the whole minute's whatever the split; actors and targets come from
   * the shard's own social stream (sessions live within a shard). Default: the whole minute.
   */
  readonly slice?: { readonly index: number; readonly count: number };
}

/** A minute's plan drawn in time order: its header at once, its events one at a time. */
export interface PlanCursor extends Omit<MinutePlan, "events"> {
  /** Events in the minute (planned and skipped draws), known before the first is drawn. */
  readonly count: number;
  /** The next event (of the slice) in time order (index order), or undefined after the last. */
  next(): PlannedEvent | undefined;
}

/**
 * Plans one minute lazily, in time order: the count first, then each event (time, kind, actor,
 * target, payload, key) when asked for, so a runner can fire the first events before the rest of a
 * large minute is drawn. The sequence is exactly `planMinute`'s.
 */
export function planCursor(input: PlanInput): PlanCursor {
  const minuteMs = Math.floor(input.minute.getTime() / MINUTE_MS) * MINUTE_MS;
  const minute = new Date(minuteMs).toISOString();
  const seed = String(input.seed);
  const { config } = input;
  const root = createRandom(seed, "minute", minute);

  const viral = config.mode === "simulate_viral";
  const ratePerSecond =
    !viral || config.viral.background ? rateAt(config.rate, new Date(minuteMs)) : 0;
  const exact = config.rate.replay?.exact === true;
  const background = poissonSlots(root, ratePerSecond, config.mix, exact);
  const slots = viral ? mergeSlots(background, viralSlots(root, config.viral)) : background;

  const slice = input.slice ?? { index: 0, count: 1 };
  const resolver = new EventResolver({
    root,
    minuteMs,
    config,
    users: existingBefore(input.state.users, minuteMs),
    images: existingBefore(input.state.images, minuteMs),
    dataset: input.dataset,
    social: slice.count === 1 ? "social" : `social/${slice.index}-of-${slice.count}`,
  });
  let index = 0;
  return {
    seed,
    minute,
    minuteMs,
    mode: config.mode,
    ratePerSecond,
    expected: ratePerSecond * 60,
    count: slots.count,
    next() {
      for (let slot = slots.next(); slot !== undefined; slot = slots.next()) {
        const i = index++;
        if (i % slice.count === slice.index) return resolver.resolve(slot, i);
        resolver.pass();
      }
      return undefined;
    },
  };
}

/**
 * Plans one minute: how many events, when, what, by whom, on what, and each one's idempotency
 * key. Pure: the same input gives a deep-equal plan; each minute draws from its own stream
 * (forked by the minute's ISO time), so minutes are independent. No clock is read.
 */
export function planMinute(input: PlanInput): MinutePlan {
  const { count, next, ...header } = planCursor(input);
  if (!input.slice || input.slice.count === 1) {
    const events: PlannedEvent[] = new Array(count);
    for (let i = 0; i < count; i++) events[i] = next() as PlannedEvent;
    return { ...header, events };
  }
  const events: PlannedEvent[] = [];
  for (let e = next(); e !== undefined; e = next()) events.push(e);
  return { ...header, events };
}

// Rows created during (or after) the minute are left out, so re-planning a minute after some of
// its events landed sees the state its first run saw.
function existingBefore<T extends { createdAt?: string }>(
  rows: readonly T[],
  minuteMs: number,
): readonly T[] {
  if (!rows.some((r) => r.createdAt !== undefined)) return rows;
  return rows.filter((r) => r.createdAt === undefined || Date.parse(r.createdAt) < minuteMs);
}
