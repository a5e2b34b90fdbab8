/** The GourmetGram scenario: minutes planned from Postgres state and fired at the API over HTTP. */
export { ensureActors, MIN_ACTORS } from "./actors";
export { bootstrap, createActors } from "./bootstrap";
export { type EventResult, type FireOptions, fire, fireEach } from "./fire";
export { type Http1Pool, http1Pool } from "./http1";
export { createImageCache, type ImageCache } from "./image-cache";
export { type MinutePreview, type PreviewEvent, type PreviewInput, previewMinute } from "./preview";
export { PREVIEW_SEED, previewRequest, type StreamPlan } from "./preview-request";
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
export { recordedShape, SHAPE_TABLES, type ShapeTable } from "./shape";
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
