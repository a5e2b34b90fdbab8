/**
 * The clickstream scenario on a clock: stream minutes to Kafka (the generator's `clickstream`
 * scenario), on-demand batches for `/generate`, and the bounded world cache both share.
 */
export { type DeliverOptions, type Delivery, deliver } from "./deliver";
export {
  createRecordDraw,
  drawRecords,
  type RecordDraw,
  type RecordDrawOptions,
} from "./record-draw";
export { type ClickstreamScenarioDeps, clickstreamScenario } from "./scenario";
export {
  anchorOf,
  ClickstreamStreamConfig,
} from "./stream-config";
export { createWorldCache, type WorldCache } from "./world-cache";
