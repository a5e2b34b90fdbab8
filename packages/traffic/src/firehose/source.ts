import type { BulkRecord } from "@gg/core/kafka-bulk";
import type { z } from "zod";

/**
 * Generates keyed, serialised records for the firehose: one per producing lane, made in the lane's
 * own thread by its scenario's source module (`FirehoseSource.module`, which exports
 * `createFirehoseSource(options): RecordSource`).
 */
export interface RecordSource {
  /** Every topic the source may write to (created before the run, loaded into metadata). */
  readonly topics: readonly string[];
  /** The next `n` records, with event times at about `nowMs`. */
  next(n: number, nowMs: number): BulkRecord[];
}

/**
 * A scenario's part in the firehose, as its definition declares it: the options only its runs
 * take, each lane's source options (plain data: they cross into a worker thread), and the module
 * that makes the source there. The main thread never loads that module (its generators, Faker
 * and worlds, would sit in the main isolate for nothing).
 */
export interface FirehoseSource<F extends z.ZodRawShape = z.ZodRawShape> {
  /** Options of this scenario's runs beside the common ones (strict: others are refused). */
  readonly options: F;
  /** Each lane's source options (`label` = lane index) and the topics all lanes write. */
  lanes(
    options: z.output<z.ZodObject<F>>,
    run: { seed: string | number; startMs: number; lanes: number },
  ): { sources: unknown[]; topics: string[] };
  /** The module (a file URL) whose `createFirehoseSource(options)` makes one lane's source. */
  readonly module: string;
  /** The old-space megabytes one lane's source holds (its world), for the worker's heap bound. */
  heapMb(options: z.output<z.ZodObject<F>>): number;
}

/** What a source module exports. */
export interface FirehoseSourceModule {
  createFirehoseSource(options: unknown): RecordSource;
}
