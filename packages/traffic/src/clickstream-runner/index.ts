/**
 * The clickstream scenario on a clock: stream minutes to Kafka (the generator's `clickstream`
 * runner), on-demand batches for `/generate`, and the bounded world cache both share.
 */
export { type DeliverOptions, type Delivery, deliver } from "./deliver";
export { asMinuteRecord, type ClickstreamMinuteRecord } from "./minute-record";
export {
  createRecordSource,
  drawRecords,
  type RecordSource,
  type RecordSourceOptions,
} from "./record-source";
export { type ClickstreamMinuteInput, runClickstreamMinute } from "./run-minute";
export { type ClickstreamRunnerDeps, clickstreamRunner } from "./runner";
export { type ClickstreamStreamConfig, clickstreamConfigOf } from "./stream-config";
export { createWorldCache, type WorldCache } from "./world-cache";
