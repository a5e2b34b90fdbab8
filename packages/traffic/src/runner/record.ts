import { type EventKind, EventKinds } from "../behaviour/index";
import type { PlannedEvent } from "../plan/index";
import type { EventResult } from "./fire";
import { type Lateness, latenessOf } from "./lateness";

/** Counts of one kind of event in a minute. */
export interface KindCounts {
  planned: number;
  skipped: number;
  sent: number;
  succeeded: number;
  failed: number;
  /** Refused as already done (an earlier run of the minute used the key). */
  duplicate: number;
  retried: number;
}

/** What one minute of one stream did: stored in `traffic_minutes` and logged as one JSON line. */
export interface MinuteRecord {
  streamId: string;
  scenario: string;
  /** The minute's start, ISO-8601 UTC. */
  minute: string;
  /** `already-ran`: the minute was claimed by an earlier invocation and nothing was fired. */
  status: "ran" | "already-ran";
  /** `live` fires on the plan's times; `backfill` fires a past minute at once. */
  mode: "live" | "backfill";
  seed: string;
  /** λ × 60 for the minute (expected background events). */
  expected: number;
  planned: number;
  skipped: number;
  sent: number;
  succeeded: number;
  failed: number;
  duplicate: number;
  /** Retry attempts (not events). */
  retried: number;
  /** Events planned but never sent (deadline); included in `failed` for the table. */
  unsent: number;
  /** Real-time lateness of the first attempts; null in backfill. */
  lateness: Lateness;
  byKind: Record<EventKind, KindCounts>;
  startedAt: string;
  finishedAt: string;
  /** How long after the minute's (real-time) end the run finished; 0 if inside it. */
  overrunMs: number;
  /** A few failures, to say why. */
  errors: string[];
}

/**
 * The figures of a minute an earlier invocation already claimed: nothing fired, all zero. Both
 * scenario runners report it the same way; each adds its identity fields and its `byKind`.
 */
export function alreadyRanFigures(startedAt: Date) {
  return {
    status: "already-ran" as const,
    expected: 0,
    planned: 0,
    skipped: 0,
    sent: 0,
    succeeded: 0,
    failed: 0,
    duplicate: 0,
    retried: 0,
    unsent: 0,
    lateness: { p50: null, p99: null, max: null },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    overrunMs: 0,
    errors: [] as string[],
  };
}

/** Empty per-kind counts. */
export function emptyByKind(): Record<EventKind, KindCounts> {
  const zero = (): KindCounts => ({
    planned: 0,
    skipped: 0,
    sent: 0,
    succeeded: 0,
    failed: 0,
    duplicate: 0,
    retried: 0,
  });
  return Object.fromEntries(EventKinds.map((k) => [k, zero()])) as Record<EventKind, KindCounts>;
}

/**
 * Totals and per-kind counts of a minute: `planned` are the events given to fire, every other draw
 * of the plan (no user, no image, over the stream's budget) is `skipped`.
 */
export function tally(
  all: readonly PlannedEvent[],
  fired: readonly { event: PlannedEvent; result: EventResult }[],
  withLateness: boolean,
) {
  const byKind = emptyByKind();
  for (const e of all) byKind[e.kind].skipped++;
  for (const { event } of fired) {
    byKind[event.kind].skipped--;
    byKind[event.kind].planned++;
  }
  const lateness: number[] = [];
  let retried = 0;
  let unsent = 0;
  for (const { event, result } of fired) {
    const k = byKind[event.kind];
    k.retried += Math.max(0, result.attempts - 1);
    retried += Math.max(0, result.attempts - 1);
    if (result.outcome === "unsent") {
      unsent++;
      k.failed++;
      continue;
    }
    k.sent++;
    if (result.latenessMs !== null) lateness.push(result.latenessMs);
    if (result.outcome === "succeeded") k.succeeded++;
    else if (result.outcome === "duplicate") k.duplicate++;
    else k.failed++;
  }
  const sum = (f: keyof KindCounts) => EventKinds.reduce((s, kind) => s + byKind[kind][f], 0);
  return {
    planned: sum("planned"),
    skipped: sum("skipped"),
    sent: sum("sent"),
    succeeded: sum("succeeded"),
    failed: sum("failed"),
    duplicate: sum("duplicate"),
    retried,
    unsent,
    lateness: withLateness ? latenessOf(lateness) : latenessOf([]),
    byKind,
  };
}
