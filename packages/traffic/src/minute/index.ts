/**
 * The minute engine every scenario shares: claim a stream's minute, frame it in real time, let the
 * scenario fire it, and save and log one record with counts by kind.
 */
export { checkMinuteSize, MAX_EVENTS_PER_MINUTE } from "./ceiling";
export {
  dueAt,
  MINUTE_MS,
  type MinuteFrame,
  minuteFrame,
  PREPARE_LEAD_MS,
  RETRY_GRACE_MS,
  type Timing,
} from "./frame";
export { type Lateness, LatenessRecorder, latenessOf, type SparseLateness } from "./lateness";
export { logLine } from "./log";
export {
  addCounts,
  type KindCounts,
  type MinuteFigures,
  type MinuteRecord,
  MinuteTally,
  totalOf,
  zeroCounts,
} from "./record";
export {
  type MinuteStore,
  prepareStreamMinute,
  type ReadyMinute,
  runStreamMinute,
  type StreamMinute,
  seedOf,
} from "./run-minute";
export {
  type PreparedMinute,
  type Scenario,
  type ScenarioMinute,
  type ScenarioRegistry,
  type Slice,
  WHOLE,
} from "./scenario";
export { claimMinute, releaseMinute, saveMinute } from "./store";
