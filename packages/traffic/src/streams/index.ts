/** Background-traffic streams: persisted, several at once, each with its own configuration. */

export { checkCapacity, MAX_RUNNING_STREAMS } from "./capacity";
export { MAX_STREAM_COUNT, type StreamRequest } from "./request";
export { type RuleRef, type RuleSync, syncRule, withRuleSync } from "./rule-sync";
export { StartStream, Stream, StreamStats, StreamStatus } from "./schema";
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
