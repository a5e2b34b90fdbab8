import type { Queryable } from "@gg/core/sql";
import {
  claimMinute,
  logLine,
  MINUTE_MS,
  type MinuteRecord,
  MinuteTally,
  type Scenario,
  type StreamMinute,
  seedOf,
} from "../minute/index";
import { type ShardJob, type ShardPolicy, shardCount } from "./job";
import { startShardedMinute } from "./store";

/**
 * The coordinator's side of a minute too large for one invocation: claim the minute, record its
 * plan size and shard count (every event unaccounted until a shard reports), and hand each shard
 * its slice. Called while the minute is prepared, before it begins, so each shard has the lead to
 * start, plan its slice and wait for the minute. Returns null when the minute fits one invocation
 * (or the scenario cannot be sized): the caller fires it itself. The shards merge their figures
 * into the minute's row.
 */
export async function coordinateMinute<S>(
  scenario: Scenario<S>,
  job: StreamMinute & { db: Queryable },
  policy: ShardPolicy,
): Promise<MinuteRecord | null> {
  const parsed = scenario.config.safeParse(job.stream.config);
  if (!parsed.success || !scenario.size) return null;
  const seed = seedOf(job.stream);
  const minuteMs = Math.floor(job.minute.getTime() / MINUTE_MS) * MINUTE_MS;
  const size = scenario.size({ config: parsed.data, seed, minute: new Date(minuteMs) });
  const shards = shardCount(size.expected, policy);
  if (shards <= 1) return null;

  const startedAt = new Date().toISOString();
  const streamId = job.stream.stream_id;
  const minute = new Date(minuteMs).toISOString();
  const budget = job.budget;
  const finite = budget !== undefined && Number.isFinite(budget);
  const claimed = await claimMinute(
    job.db,
    streamId,
    minute,
    finite ? Math.min(budget, size.count) : null,
    job.configVersion,
  );
  const duplicate = !claimed && (job.onDuplicate ?? "skip") === "skip";
  const triggerDelayMs = job.triggerDelayMs ?? null;
  const actorsCreated = job.actorsCreated ?? 0;
  if (!duplicate) {
    await startShardedMinute(job.db, streamId, minute, {
      shards,
      events: size.count,
      triggerDelayMs,
      actorsCreated,
    });
  }
  const scale = job.timing?.scale ?? 1;
  // A compressed minute starts now for every shard alike; at scale 1 it is the minute itself.
  const startAt = job.timing?.startAt ?? (scale === 1 ? undefined : Date.now());
  const invoked: string[] = [];
  if (!duplicate) {
    const results = await Promise.allSettled(
      Array.from({ length: shards }, (_, shard) => {
        const payload: ShardJob = {
          streamId,
          minute,
          shard,
          shards,
          budget: finite ? budget : undefined,
          timing: { mode: job.timing?.mode, scale, startAt },
        };
        return policy.invoke(payload);
      }),
    );
    // A shard that could not be handed over stays unaccounted in the minute's row; say why here.
    for (const [shard, r] of results.entries()) {
      if (r.status === "rejected") invoked.push(`shard ${shard} not invoked: ${String(r.reason)}`);
    }
  }
  const record: MinuteRecord = {
    streamId,
    scenario: scenario.name,
    minute,
    status: duplicate ? "already-ran" : "sharded",
    mode: job.timing?.mode ?? "live",
    seed: String(seed),
    expected: duplicate ? 0 : size.expected,
    shards,
    unaccounted: duplicate ? 0 : size.count,
    ...new MinuteTally(scenario.kinds).figures(),
    errors: invoked.slice(0, 5),
    startedAt,
    finishedAt: new Date().toISOString(),
    overrunMs: 0,
    triggerDelayMs,
    // The shards' own leads are in their rows; here, how long before the minute they were handed out.
    leadMs: scale === 1 && job.timing?.mode !== "backfill" ? minuteMs - Date.now() : null,
    actorsCreated,
    configVersion: job.configVersion?.version ?? null,
  };
  (job.log ?? logLine)(record);
  return record;
}
