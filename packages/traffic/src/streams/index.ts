/** Background-traffic streams: persisted, several at once, each with its own configuration. */

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
export { completeFinished, create, get, list, remainingBudget, stats, stop } from "./store";
export { rateScheduleInputOf, validateStart } from "./validate";
