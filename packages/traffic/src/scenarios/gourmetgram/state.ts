import type { Queryable } from "@gg/core/sql";
import type { KnownState, PlannerConfig } from "../../plan/index";
import { loadPlanningState } from "../../state/index";

/**
 * What exists as of the minute, read in a bounded number of rows (packages/traffic/src/state): a
 * replay or a backfill re-run of the minute reads the same sample, so it plans the same requests.
 */
/** What the planning state of a minute depends on. */
export interface StateInput {
  seed: string | number;
  minute: Date;
  config: PlannerConfig;
}

export function loadState(db: Queryable, input: StateInput): Promise<KnownState> {
  return loadPlanningState(db, input);
}
