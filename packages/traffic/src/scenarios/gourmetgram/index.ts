/** The GourmetGram scenario: minutes planned from Postgres state and fired at the API over HTTP. */
export { ensureActors, MIN_ACTORS } from "./actors";
export { bootstrap, createActors } from "./bootstrap";
export { type EventResult, type FireOptions, fire, fireEach } from "./fire";
export { createImageCache, type ImageCache } from "./image-cache";
export { buildRequest, type FiringEvent } from "./requests";
export {
  type AttemptOutcome,
  backoffMs,
  classifyStatus,
  DEFAULT_RETRY,
  type RetryPolicy,
} from "./retry";
export { type GourmetGramDeps, gourmetgramScenario } from "./scenario";
export { sendOnce } from "./send";
export { loadPlanningState, type PlanningStateInput } from "./state/index";
export {
  GourmetGramStreamConfig,
  type PlannerDefaults,
  plannerConfigOf,
  withDefaults,
} from "./stream-config";
export {
  type ApiAnswer,
  type ApiRequest,
  type ApiTarget,
  type HttpTargetOptions,
  httpTarget,
  inProcessTarget,
} from "./target";
export { warmUp } from "./warm-up";
