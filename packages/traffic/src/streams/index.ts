/** Background-traffic streams: persisted, several at once, each with its own configuration. */

export {
  CEILING_SOURCES,
  CEILING_VARIABLES,
  DEFAULT_RATE_CEILINGS,
  formatRate,
  RateCeilings,
  rateCeilingsFromEnv,
} from "../rates/index";
export { checkCapacity } from "./capacity";
export { type RuleRef, type RuleSync, syncRule, withRuleSync } from "./rule-sync";
export {
  ClickstreamDataType,
  Scenario,
  StartStream,
  Stream,
  StreamStats,
  StreamStatus,
} from "./schema";
export { BACKGROUND_STREAM, BACKGROUND_STREAM_ID, seedBackgroundStream } from "./seed";
export { SCENARIO_SETTINGS, SETTINGS_OPENAPI, settingsIssues } from "./settings";
export { completeFinished, create, get, list, remainingBudget, stats, stop } from "./store";
export { rateScheduleInputOf, streamPeakRate, validateStart } from "./validate";
