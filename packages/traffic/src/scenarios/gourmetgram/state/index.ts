/** The generator's planning state: bounded, as-of-the-minute samples of users and images. */
export { loadPlanningState, type PlanningStateInput, STATE_LAG_MS } from "./load";
export * as PlanningSql from "./sample.sql";
export { MAX_SAMPLE, MIN_SAMPLE, sampleSize, userSampleSize } from "./sample-size";
export { type EngagementRow, imagesOf, scaleOf } from "./weights";
