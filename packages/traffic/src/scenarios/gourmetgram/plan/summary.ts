import { type EventKind, EventKinds } from "../behaviour/index";
import type { MinutePlan, SkipReason } from "./types";

/** Counts of a plan: what will fire, by kind, and what was skipped, by reason. */
export interface PlanSummary {
  readonly total: number;
  readonly planned: Record<EventKind, number>;
  readonly skipped: Record<SkipReason, number>;
}

/** Counts a plan's events by status, kind and skip reason (for logs and the per-minute record). */
export function summarisePlan(plan: MinutePlan): PlanSummary {
  const planned = Object.fromEntries(EventKinds.map((k) => [k, 0])) as Record<EventKind, number>;
  const skipped: Record<SkipReason, number> = { "no-image": 0, "no-user": 0, "no-dataset": 0 };
  for (const e of plan.events) {
    if (e.status === "planned") planned[e.kind]++;
    else skipped[e.reason]++;
  }
  return { total: plan.events.length, planned, skipped };
}
