/**
 * The Kafka firehose: either scenario straight into Kafka at the highest rate the machine allows.
 * Scenario-agnostic: each scenario's definition says its options and its source module, which only
 * the lanes load (a process whose lanes run in workers keeps the generators out of its main isolate).
 */
export type { LaneCounters, StopReason } from "./lane";
export { FirehoseOptions, type FirehoseOptionsInput, MAX_PARTITIONS } from "./options";
export { type MemoryReport, progressLine, sampleMemory, summaryTable } from "./render";
export { FirehoseProgress, FirehoseResult } from "./report";
export { type FirehoseContext, runFirehose } from "./run-firehose";
export type { FirehoseSource, RecordSource } from "./source";
