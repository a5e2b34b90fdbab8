import { z } from "zod";

/**
 * What a coordinator sends each shard invocation (a Lambda's async payload, a worker's argv):
 * the stream and minute, and which slice of the plan is the shard's. The shard reads the stream's
 * settings itself, so the payload stays a few hundred bytes whatever the minute's size.
 */
export const ShardJob = z.object({
  streamId: z.string().uuid(),
  /** The minute's start, ISO-8601 UTC. */
  minute: z.iso.datetime(),
  shard: z.number().int().nonnegative(),
  shards: z.number().int().positive(),
  /**
   * A wake window instead of an index-mod-N slice: the events `from <= i < to` of the minute
   * planned whole (`shard` of `shards` then numbers the window among the minute's windows).
   */
  range: z
    .object({
      from: z.number().int().nonnegative(),
      to: z.number().int().positive(),
      /** The window's first event's offset into the minute (ms). */
      startMs: z.number().nonnegative().optional(),
    })
    .refine((r) => r.to > r.from, "range.to must be above range.from")
    .optional(),
  /** The stream's remaining budget for the whole minute (absent: no limit). */
  budget: z.number().int().nonnegative().optional(),
  /** Compressed minutes (tests, benches): every shard plays offset 0 at `startAt`. */
  timing: z
    .object({
      mode: z.enum(["live", "backfill"]).optional(),
      scale: z.number().positive().optional(),
      startAt: z.number().optional(),
    })
    .optional(),
});
export type ShardJob = z.infer<typeof ShardJob>;

/** Starts one shard; resolves once it is handed over (Lambda: the async invoke is queued). */
export type ShardInvoker = (job: ShardJob) => Promise<void>;

/** When a minute is split, and how it is handed out. */
export interface ShardPolicy {
  /** The rate one invocation fires on time (`GENERATOR_SHARD_RATE`, events/s). */
  eventsPerSecond: number;
  /** Never more shards than this (`GENERATOR_MAX_SHARDS`). */
  maxShards: number;
  invoke: ShardInvoker;
}

/** Shards for a minute expected to hold `expected` events: 1 means fire it in this process. */
export function shardCount(
  expected: number,
  policy: Pick<ShardPolicy, "eventsPerSecond" | "maxShards">,
): number {
  const n = Math.ceil(expected / (policy.eventsPerSecond * 60));
  return Math.max(1, Math.min(policy.maxShards, n));
}

/** How many of `count` indices have `i % shards === shard`. */
export function sliceSize(count: number, shard: number, shards: number): number {
  return count > shard ? Math.floor((count - 1 - shard) / shards) + 1 : 0;
}

/**
 * A shard's part of the minute's budget: the budget split as the events are (index mod N). A wake
 * window gets the whole minute's: it counts the earlier windows' events against it as it plans.
 */
export function shardBudget(
  budget: number | undefined,
  job: Pick<ShardJob, "shard" | "shards" | "range">,
): number {
  if (budget === undefined || !Number.isFinite(budget)) return Number.POSITIVE_INFINITY;
  return job.range ? budget : sliceSize(budget, job.shard, job.shards);
}
