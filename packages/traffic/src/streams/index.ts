/** Background-traffic streams: persisted, several at once, each with its own configuration. */

export {
  CEILING_SOURCES,
  CEILING_VARIABLES,
  DEFAULT_RATE_CEILINGS,
  RateCeilings,
  rateCeilingsFromEnv,
} from "../rates/index";
export { checkCapacity, MAX_RUNNING_STREAMS } from "./capacity";
export { type RuleRef, type RuleSync, syncRule, withRuleSync } from "./rule-sync";
export {
  ClickstreamDataType,
  MAX_STREAM_COUNT,
  Scenario,
  StartStream,
  Stream,
  StreamStats,
  StreamStatus,
} from "./schema";
export { BACKGROUND_STREAM, BACKGROUND_STREAM_ID, seedBackgroundStream } from "./seed";
export { SCENARIO_SETTINGS, SETTINGS_OPENAPI, settingsIssues } from "./settings";
export {
  completeFinished,
  countRunning,
  create,
  get,
  list,
  page,
  remainingBudget,
  running,
  stats,
  statsPage,
  stop,
} from "./store";
export { rateScheduleInputOf, streamPeakRate, streamWorldBytes, validateStart } from "./validate";
