import { z } from "zod";
import { ClickstreamSettings } from "../scenarios/clickstream/model/clickstream-config";
import { CLICKSTREAM_KINDS, GOURMETGRAM_KINDS } from "./kinds";

const TopicName = z
  .string()
  .max(249)
  .regex(/^[a-zA-Z0-9._-]{1,249}$/, "not a valid Kafka topic name");
const ClickstreamKind = z.enum(CLICKSTREAM_KINDS);
/** The most partitions a run may give a topic it creates. */
export const MAX_PARTITIONS = 64;
const GourmetGramKind = z.enum(GOURMETGRAM_KINDS);

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
   * lane's small young generation (8 MB): at 5,000 each batch survived into the old space and the
   * lane's GC doubled the CPU per event.
   */
  batchSize: z.int().min(1).max(50_000).default(1_000),
  /** At a target rate, the longest an event waits for its batch to fill. */
  lingerMs: z.number().min(0).max(10_000).default(20),
  /** Unacknowledged batches per lane, at most: memory is bounded by lanes x this x batch. */
  maxInFlight: z.int().min(1).max(64).default(8),
  compression: z.enum(["none", "gzip", "snappy", "lz4"]).default("none"),
  /**
   * Generating worker threads (lanes); they share one sender thread that runs the Kafka client.
   * 0 runs one lane, client included, on the calling thread. One lane keeps the process under
   * ~300 MB RSS; each more adds ~120 MB (its isolate, generators, world and heap).
   */
  threads: z.int().min(0).max(16).default(1),
  /**
   * Partitions of topics the run creates (existing topics are left as they are). Capped: each
   * costs the broker files and memory for good, and lanes past a few dozen do not use them.
   */
  partitions: z.int().min(1).max(MAX_PARTITIONS).default(6),
};

// Strict: a misspelt option is refused, not silently left at its default.
export const FirehoseOptions = z
  .discriminatedUnion("scenario", [
    z.strictObject({
      scenario: z.literal("clickstream"),
      ...common,
      /** Topic per kind (default: the kind's name). */
      topics: z.partialRecord(ClickstreamKind, TopicName).default({}),
      /** Kinds to emit (default all four). */
      kinds: z.array(ClickstreamKind).min(1).max(CLICKSTREAM_KINDS.length).optional(),
      /** The scenario's settings (segments, prices, world sizes, ...), as `/stream/start` takes them. */
      settings: ClickstreamSettings.optional(),
    }),
    z.strictObject({
      scenario: z.literal("gourmetgram"),
      ...common,
      /** Topic per kind (default: the contract's `gourmetgram.*`). */
      topics: z.partialRecord(GourmetGramKind, TopicName).default({}),
      /** Relative weights per kind (default even, as the original generator's event types). */
      mix: z
        .partialRecord(GourmetGramKind, z.number().nonnegative())
        .refine((m) => Object.values(m).some((w) => (w ?? 0) > 0), "mix needs a positive weight")
        .optional(),
    }),
  ])
  // A run without either would hold its lanes (and their memory) until someone stops it.
  .refine((o) => o.count !== undefined || o.durationSec !== undefined, {
    message: "a run needs a count or a durationSec (seconds), or it never ends",
    path: ["count"],
  });
/** What a caller passes (defaults optional). */
export type FirehoseOptionsInput = z.input<typeof FirehoseOptions>;
export type FirehoseOptions = z.output<typeof FirehoseOptions>;
