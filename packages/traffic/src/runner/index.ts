/** Firing planned minutes at the API: open loop, bounded concurrency, retries, per-minute records. */
export { bootstrap } from "./bootstrap";
export { type ClickstreamSettings, lazyClickstreamRunner } from "./clickstream-wiring";
export { type Clock, monotonicClock } from "./clock";
export { DEFAULT_STREAM_ID, ensureDefaultStream, upsertStream } from "./default-stream";
export { type EventResult, type FireOptions, fire } from "./fire";
export {
  createGenerator,
  type Generator,
  type GeneratorOverrides,
  type TickOptions,
} from "./generator";
export { gourmetgramRunner } from "./gourmetgram";
export { type Lateness, latenessOf } from "./lateness";
export { claimMinute, saveMinute } from "./minute-store";
export { notifyControl } from "./notify-control";
export { alreadyRanFigures, type KindCounts, type MinuteRecord, tally } from "./record";
export { buildRequest, type FiringEvent } from "./requests";
export {
  type AttemptOutcome,
  backoffMs,
  classifyStatus,
  DEFAULT_RETRY,
  type RetryPolicy,
} from "./retry";
export { logLine, type RunMinuteInput, runMinute, type Timing } from "./run-minute";
export {
  notWired,
  type ScenarioRegistry,
  type ScenarioRunner,
  type StreamMinute,
} from "./scenario";
export { scheduledMinute } from "./scheduled-event";
export { sendOnce } from "./send";
export { type GeneratorSettings, generatorSettingsFromEnv } from "./settings";
export { loadState } from "./state";
export { type PlannerDefaults, plannerConfigOf, seedOf } from "./stream-config";
export { type ApiTarget, httpTarget, inProcessTarget } from "./target";
export { runTick, type StreamOutcome, type TickInput, type TickResult } from "./tick";
