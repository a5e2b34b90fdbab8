/** Background-traffic streams: persisted, several at once, each with its own configuration. */

export { checkCapacity, MAX_RUNNING_STREAMS } from "./capacity";
export { PatchStream, patchedConfig } from "./patch";
export { MAX_PLAN_LIMIT, PlanMinute, PlanRequest } from "./plan-request";
export { anchorReplay } from "./replay-start";
export { MAX_STREAM_COUNT, type StreamRequest } from "./request";
export { type RuleRef, type RuleSync, syncRule, withRuleSync } from "./rule-sync";
export { SettingsField, StartStream, Stream, StreamStats, StreamStatus } from "./schema";
export { BACKGROUND_STREAM, BACKGROUND_STREAM_ID, seedBackgroundStream } from "./seed";
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
export { streamPeakRate, validateStart } from "./validate";
export {
  CHANGE_MARGIN_MS,
  type ConfigVersion,
  change,
  firstUnpreparedMinute,
  inForce,
  type StreamAt,
  type StreamChange,
} from "./versions";
