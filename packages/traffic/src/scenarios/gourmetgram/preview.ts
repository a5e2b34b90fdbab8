import type { Queryable } from "@gg/core/sql";
import { checkMinuteSize } from "../../minute/index";
import { EventKinds } from "./behaviour/index";
import type { ImageIndex } from "./images/index";
import { type PlannedEvent, planCursor } from "./plan/index";
import { loadPlanningState } from "./state/index";
import { type PlannerDefaults, plannerConfigOf } from "./stream-config";

/** One event of a previewed minute, as it will fire (or be skipped). */
export interface PreviewEvent {
  index: number;
  offset_ms: number;
  kind: string;
  /** `skipped`: drawn but not fired (nothing to act on, or the stream's budget is spent). */
  status: "planned" | "skipped";
  reason: string | null;
  /** The acting user (null for a new user, or a skipped draw). */
  actor: string | null;
  /** The image acted on (view, comment, flag; null otherwise). */
  target: string | null;
  idempotency_key: string;
}

/** A minute planned and not fired: its size, its counts by kind and its first events. */
export interface MinutePreview {
  seed: string;
  minute: string;
  /** λ × 60 for the minute. */
  expected: number;
  /** Events drawn (planned and skipped). */
  count: number;
  by_kind: Record<string, { planned: number; skipped: number }>;
  events: PreviewEvent[];
}

export interface PreviewInput {
  /** Where the minute's planning state is read (never written). */
  db: Queryable;
  streamId: string;
  /** The stream's stored configuration (the version in force for the minute). */
  config: Readonly<Record<string, unknown>>;
  seed: string | number;
  minute: Date;
  /** Events listed at most (the counts are over the whole minute). */
  limit: number;
  /** The dataset the generator uploads from (uploads decide whose turn comes next). */
  dataset: ImageIndex | null;
  defaults?: PlannerDefaults;
  /** Events the stream may still send (default: no limit); past it, events are skipped. */
  budget?: number;
}

/**
 * Plans a GourmetGram minute exactly as the scenario's `prepare` and `fire` draw it (the same
 * state read, plan cursor, size check and budget), writing and firing nothing. It reads the
 * state that exists now: it matches what the minute fires once the state it reads (as of a
 * minute before its start) is settled and when the minute needs no actors created first.
 */
export async function previewMinute(input: PreviewInput): Promise<MinutePreview> {
  const config = plannerConfigOf(input.config, input.defaults);
  const { seed, minute } = input;
  const state = await loadPlanningState(input.db, { seed, minute, config });
  const plan = planCursor({ seed, minute, config, state, dataset: input.dataset });
  checkMinuteSize(input.streamId, plan.count);
  const budget = input.budget ?? Number.POSITIVE_INFINITY;
  const byKind: MinutePreview["by_kind"] = Object.fromEntries(
    EventKinds.map((k) => [k, { planned: 0, skipped: 0 }]),
  );
  const events: PreviewEvent[] = [];
  let firing = 0;
  for (let e = plan.next(); e !== undefined; e = plan.next()) {
    const fires = e.status === "planned" && firing < budget;
    if (fires) firing++;
    const k = byKind[e.kind] ?? { planned: 0, skipped: 0 };
    byKind[e.kind] = k;
    if (fires) k.planned++;
    else k.skipped++;
    if (events.length < input.limit) events.push(eventOf(e, fires));
  }
  return {
    seed: plan.seed,
    minute: plan.minute,
    expected: plan.expected,
    count: plan.count,
    by_kind: byKind,
    events,
  };
}

function eventOf(e: PlannedEvent, fires: boolean): PreviewEvent {
  const common = {
    index: e.index,
    offset_ms: e.offsetMs,
    kind: e.kind,
    idempotency_key: e.idempotencyKey,
  };
  if (e.status === "skipped") {
    return { ...common, status: "skipped", reason: e.reason, actor: null, target: null };
  }
  const p = e.payload as { userId?: string; imageId?: string };
  return {
    ...common,
    status: fires ? "planned" : "skipped",
    reason: fires ? null : "budget",
    actor: e.kind === "user" ? null : (p.userId ?? null),
    target: p.imageId ?? null,
  };
}
