/** The Kafka firehose: both scenarios straight into Kafka at the highest rate the machine allows. */
// The generators (Faker, worlds) and the Kafka client are not imported from here: a process that
// runs its lanes in workers would hold ~90 MB of them in its main isolate for nothing.
// `loadSources()` brings them in for a caller that generates on its own thread.
export {
  CLICKSTREAM_KINDS,
  CLICKSTREAM_TOPIC_NAMES,
  GOURMETGRAM_KINDS,
  GOURMETGRAM_TOPIC_NAMES,
} from "./kinds";
export type { LaneCounters, StopReason } from "./lane";
export type { SourceSpec } from "./lane-spec";
/** The record sources, loaded on demand (see above). */
export const loadSources = () => import("./sources");
export { FirehoseOptions, type FirehoseOptionsInput } from "./options";
export type { FirehoseProgress } from "./progress";
export type { RecordSource } from "./record-source";
export { type MemoryReport, progressLine, sampleMemory, summaryTable } from "./render";
export { type FirehoseContext, type FirehoseResult, runFirehose } from "./run-firehose";
