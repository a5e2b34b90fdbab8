/** The traffic planner: a minute's events as a pure function of (seed, minute, config, state). */
export { advanceState } from "./advance-state";
export { type PlanCursor, type PlanInput, planCursor, planMinute } from "./plan-minute";
export { PlannerConfig, type PlannerConfigInput, ViralConfig } from "./planner-config";
export { PlannerSettings, plannerSettingsOf } from "./planner-settings";
export { type PlanSummary, summarisePlan } from "./summary";
export type {
  Action,
  KnownImage,
  KnownState,
  KnownUser,
  MinutePlan,
  PlannedEvent,
  SkipReason,
} from "./types";
