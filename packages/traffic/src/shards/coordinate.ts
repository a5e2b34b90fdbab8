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
import { isWoken, type WakePolicy, type WakeWindow, wakeWindows } from "./wake";

/** How a tick may split its minutes: shards above one invocation's rate, windows below the wake rate. */
export interface SplitPolicy {
  shards?: ShardPolicy;
  wake?: WakePolicy;
}

/**
 * The coordinator's side of a minute not fired by the invocation that prepares it: claim the
 * minute, record its plan size and how it is split (every event unaccounted until its part
 * reports), and hand each part over. A minute too large for one invocation goes to shards (events
 * `i mod N`), handed out while the minute is prepared so each has the lead to start, plan its
 * slice and wait for the minute. A live minute slower than the wake rate goes to wake windows,
 * each sent to start its lead before its own first event. Returns null when the invocation fires
 * the minute itself (or the scenario cannot be sized). The parts merge their figures into the
 * minute's row.
 */
export async function coordinateMinute<S>(
  scenario: Scenario<S>,
  job: StreamMinute & { db: Queryable },
  policy: SplitPolicy,
): Promise<MinuteRecord | null> {
  const parsed = scenario.config.safeParse(job.stream.config);
  if (!parsed.success || !scenario.size) return null;
  const seed = seedOf(job.stream);
  const minuteMs = Math.floor(job.minute.getTime() / MINUTE_MS) * MINUTE_MS;
  const size = scenario.size({ config: parsed.data, seed, minute: new Date(minuteMs) });
  // Only a real-time live minute is woken: a compressed or backfilled one has no wall-clock
  // times for its windows to land at.
  const realTime =
    (job.timing?.mode ?? "live") === "live" &&
    (job.timing?.scale ?? 1) === 1 &&
    job.timing?.startAt === undefined;
  const windows: WakeWindow[] | undefined =
    policy.wake && realTime && scenario.offsets && isWoken(scenario, size.expected, policy.wake)
      ? wakeWindows(
          scenario.offsets({ config: parsed.data, seed, minute: new Date(minuteMs) }),
          policy.wake.leadMs,
        )
      : undefined;
  const shards = windows
    ? windows.length
    : policy.shards
      ? shardCount(size.expected, policy.shards)
      : 1;
  if (!windows && shards <= 1) return null;

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
      sizes: windows?.map((w) => w.to - w.from),
    });
  }
  const scale = job.timing?.scale ?? 1;
  // A compressed minute starts now for every shard alike; at scale 1 it is the minute itself.
  const startAt = job.timing?.startAt ?? (scale === 1 ? undefined : Date.now());
  const invoked: string[] = [];
  const jobOf = (shard: number): ShardJob => ({
    streamId,
    minute,
    shard,
    shards,
    budget: finite ? budget : undefined,
    timing: { mode: job.timing?.mode, scale, startAt },
  });
  if (!duplicate && windows && policy.wake && windows.length > 0) {
    const { leadMs } = policy.wake;
    // Not sent: every window stays unaccounted in the minute's row; say why here.
    await policy.wake
      .send(
        windows.map((w, k) => ({
          job: { ...jobOf(k), range: { from: w.from, to: w.to, startMs: w.startMs } },
          at: minuteMs + w.startMs - leadMs,
        })),
      )
      .catch((e: unknown) => invoked.push(`${windows.length} windows not sent: ${String(e)}`));
  } else if (!duplicate && !windows && policy.shards) {
    const invoke = policy.shards.invoke;
    const results = await Promise.allSettled(
      Array.from({ length: shards }, (_, shard) => invoke(jobOf(shard))),
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
    status: duplicate ? "already-ran" : windows ? "woken" : "sharded",
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
