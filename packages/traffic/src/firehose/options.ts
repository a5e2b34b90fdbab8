import { z } from "zod";
import { SCENARIOS } from "../scenarios/index";

/** The most partitions a run may give a topic it creates. */
export const MAX_PARTITIONS = 64;

/** Options of every run, whatever its scenario. */
const common = {
  /** Seed of every draw; a random one is picked (and reported) when absent. */
  seed: z.union([z.string().min(1).max(100), z.int()]).optional(),
  /** Target events per second over all lanes, or "max". */
  rate: z.union([z.literal("max"), z.number().positive().max(10_000_000)]).default("max"),
  /** Stop after this long (seconds) or this many events, whichever comes first: one is needed. */
  durationSec: z.number().positive().max(86_400).optional(),
  count: z.int().positive().max(1e12).optional(),
  /**
   * Records a lane generates and sends at once. 1,000 (~550 kB) keeps a batch's objects inside a
   * lane's small young generation (8 MB): larger batches survive into the old space, and the
   * lane's GC then costs more CPU per event than the batching saves.
   */
  batchSize: z.int().min(1).max(50_000).default(1_000),
  /** At a target rate, the longest an event waits for its batch to fill. */
  lingerMs: z.number().min(0).max(10_000).default(20),
  /** Unacknowledged batches per lane, at most: memory is bounded by lanes x this x batch. */
  maxInFlight: z.int().min(1).max(64).default(8),
  compression: z.enum(["none", "gzip", "snappy", "lz4"]).default("none"),
  /**
   * Generating worker threads (lanes). One lane runs its own Kafka client; several share one
   * sender thread that runs it. 0 runs one lane, client included, on the calling thread.
   */
  threads: z.int().min(0).max(16).default(1),
  /**
   * Partitions of topics the run creates (existing topics are left as they are). Capped: each
   * costs the broker files and memory for good, and lanes past a few dozen do not use them.
   */
  partitions: z.int().min(1).max(MAX_PARTITIONS).default(6),
};

type Definition = (typeof SCENARIOS)[number];
/** One scenario's options schema (distributed over the definitions: a union of them). */
type OptionsOf<D> = D extends Definition ? ReturnType<typeof strictOptions<D>> : never;

// Strict: a misspelt option is refused, not silently left at its default.
const strictOptions = <D extends Definition>(d: D) =>
  z.strictObject({
    scenario: z.literal(d.name as D["name"]),
    ...common,
    ...(d.firehose.options as D["firehose"]["options"]),
  });

/** A run's options: the common ones and its scenario's (each definition's `firehose.options`). */
export const FirehoseOptions = z
  .discriminatedUnion(
    "scenario",
    SCENARIOS.map(strictOptions) as unknown as [OptionsOf<Definition>, ...OptionsOf<Definition>[]],
  )
  // A run without either would hold its lanes (and their memory) until someone stops it.
  .refine((o) => o.count !== undefined || o.durationSec !== undefined, {
    message: "a run needs a count or a durationSec (seconds), or it never ends",
    path: ["count"],
  });
/** What a caller passes (defaults optional). */
export type FirehoseOptionsInput = z.input<typeof FirehoseOptions>;
export type FirehoseOptions = z.output<typeof FirehoseOptions>;
