/** The Kafka firehose: both scenarios straight into Kafka at the highest rate the machine allows. */
export { CLICKSTREAM_KINDS, CLICKSTREAM_TOPIC_NAMES } from "./clickstream-source";
export {
  createGourmetGramSource,
  GOURMETGRAM_KINDS,
  GOURMETGRAM_TOPIC_NAMES,
} from "./gourmetgram-source";
export type { LaneCounters, StopReason } from "./lane";
export { createSource, type SourceSpec } from "./lane-spec";
export { FirehoseOptions, type FirehoseOptionsInput, type Scenario } from "./options";
export type { FirehoseProgress } from "./progress";
export type { RecordSource } from "./record-source";
export { type MemoryReport, progressLine, sampleMemory, summaryTable } from "./render";
export { type FirehoseContext, type FirehoseResult, runFirehose } from "./run-firehose";
