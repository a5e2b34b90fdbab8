/**
 * Shards: a minute too large for one invocation is split over N shard invocations, each firing
 * the events `i % N === shard` of the same plan under its own claim; their figures merge into the
 * minute's record, with the events of shards that never reported counted as unaccounted. A minute
 * too slow to hold an invocation for is split the same way into wake windows (`wake.ts`). The
 * Lambda invoker lives in `@gg/traffic/shard-lambda`, so only the coordinator's bundle carries
 * the Lambda SDK.
 */
export { coordinateMinute, type SplitPolicy } from "./coordinate";
export {
  type ShardInvoker,
  ShardJob,
  type ShardPolicy,
  shardBudget,
  shardCount,
  sliceSize,
} from "./job";
export { type MergedMinute, mergeShards, type ShardFigures } from "./merge";
export { type ShardOutcome, type ShardPool, shardPool } from "./pool";
export { runShard, type ShardRun } from "./run-shard";
export { mergeMinute, shardStore, startShardedMinute } from "./store";
export {
  isWoken,
  queueWakeSender,
  type WakePolicy,
  type WakeWindow,
  wakeWindows,
} from "./wake";
export { type ShardHandler, serveShardJobs } from "./worker";
