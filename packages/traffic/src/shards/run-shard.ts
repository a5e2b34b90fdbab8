import type { Pool } from "@gg/core/db";
import { AppError } from "@gg/core/errors";
import { type MinuteRecord, runStreamMinute, type ScenarioRegistry } from "../minute/index";
import * as Streams from "../streams/index";
import { type ShardJob, shardBudget } from "./job";
import { shardStore } from "./store";

export interface ShardRun {
  pool: Pool;
  scenarios: ScenarioRegistry;
  job: ShardJob;
  /** Real epoch ms after which no request starts (the Lambda's remaining time). */
  deadline?: number;
  log?: (record: MinuteRecord) => void;
}

/**
 * One shard of a split minute: fires the slice `job.shard` of `job.shards` of the stream's plan
 * (planning only that slice), under its own claim, then saves its figures and re-merges the
 * minute. A re-invoked shard finds its claim and fires nothing; its keys are the plan's anyway.
 */
export async function runShard(run: ShardRun): Promise<MinuteRecord> {
  const { job } = run;
  const minute = new Date(job.minute);
  // The configuration in force for the minute, as its coordinator planned it.
  const [stream] = await Streams.inForce(
    run.pool,
    [await Streams.get(run.pool, job.streamId)],
    minute,
  );
  if (!stream) throw new Error(`stream ${job.streamId} vanished`);
  const scenario = run.scenarios[stream.scenario];
  if (!scenario) {
    throw new AppError(
      "UNAVAILABLE",
      `scenario ${stream.scenario} is not wired into the generator (stream ${stream.stream_id})`,
    );
  }
  return runStreamMinute(scenario, {
    db: run.pool,
    stream,
    configVersion: stream.configVersion,
    minute,
    budget: shardBudget(job.budget, job),
    timing: { ...job.timing, deadline: run.deadline },
    slice: { index: job.shard, count: job.shards, range: job.range },
    store: shardStore(run.pool, job),
    log:
      run.log ??
      ((r) =>
        console.log(
          JSON.stringify({
            level: "info",
            message: "generator shard",
            shard: job.shard,
            shards: job.shards,
            ...r,
          }),
        )),
  });
}
