import type { BulkRecord } from "@gg/core/kafka-bulk";

/** Generates keyed, serialised records for the firehose: one source per producing lane. */
export interface RecordSource {
  /** Every topic the source may write to (created before the run, loaded into metadata). */
  readonly topics: readonly string[];
  /** The next `n` records, with event times at about `nowMs`. */
  next(n: number, nowMs: number): BulkRecord[];
}
