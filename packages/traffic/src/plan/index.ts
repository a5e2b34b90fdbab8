/** The traffic planner: a minute's events as a pure function of (seed, minute, config, state). */
export { advanceState } from "./advance-state";
export { type Arrivals, drawArrivals, uniformOffsets } from "./arrivals";
export { PlannerConfig, type PlannerConfigInput, ViralConfig } from "./config";
export { type PlanInput, planMinute } from "./plan-minute";
export { GourmetGramSettings, plannerSettingsOf } from "./settings";
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
