import { type Pool, withTransaction } from "@gg/core/db";
import type { Queryable } from "@gg/core/sql";
import type { MinuteStore } from "../minute/index";
import type { ShardJob } from "./job";
import { type MergedMinute, mergeShards, type ShardFigures } from "./merge";

/**
 * Marks a claimed minute as split: its plan's size and shard count, every event unaccounted
 * until the shards report. Written before any shard is invoked, so a shard that is never heard
 * from leaves its events counted, not missing. A woken minute without events has no window to
 * report: it is finished here.
 */
export async function startShardedMinute(
  db: Queryable,
  streamId: string,
  minute: string,
  split: {
    shards: number;
    events: number;
    triggerDelayMs: number | null;
    actorsCreated: number;
    /** Each wake window's event count; absent: shards split the minute by index mod N. */
    sizes?: readonly number[];
  },
): Promise<void> {
  await db.query(
    `UPDATE traffic_minutes SET shards = $3, events = $4, unaccounted = $4,
            trigger_delay_ms = $5, actors_created = $6, shard_sizes = $7,
            finished_at = CASE WHEN $3 = 0 THEN now() ELSE finished_at END
      WHERE stream_id = $1 AND minute = $2`,
    [
      streamId,
      minute,
      split.shards,
      split.events,
      split.triggerDelayMs,
      split.actorsCreated,
      split.sizes ?? null,
    ],
  );
}

/**
 * A shard's claim and save: the (stream, minute, shard) primary key makes a re-invoked shard (an
 * async retry, a double delivery) fire nothing; its save writes the shard's row and re-merges the
 * minute's row from every reported shard.
 */
export function shardStore(pool: Pool, job: ShardJob): MinuteStore {
  const id = [job.streamId, job.minute, job.shard] as const;
  return {
    async claim() {
      const { rowCount } = await pool.query(
        `INSERT INTO traffic_minute_shards (stream_id, minute, shard, shards) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [...id, job.shards],
      );
      return rowCount === 1;
    },
    async release() {
      await pool.query(
        `DELETE FROM traffic_minute_shards
          WHERE stream_id = $1 AND minute = $2 AND shard = $3 AND finished_at IS NULL`,
        [...id],
      );
    },
    async save(r, tally) {
      await pool.query(
        `UPDATE traffic_minute_shards SET planned = $4, skipped = $5, sent = $6, succeeded = $7,
                failed = $8, duplicate = $9, retried = $10, recovered = $11, unsent = $12,
                lateness = $13, recovered_lateness = $14, by_kind = $15, errors = $16,
                started_at = $17, finished_at = $18, lead_ms = $19
          WHERE stream_id = $1 AND minute = $2 AND shard = $3`,
        [
          ...id,
          r.planned,
          r.skipped,
          r.sent,
          r.succeeded,
          r.failed,
          r.duplicate,
          r.retried,
          r.recovered,
          r.unsent,
          JSON.stringify(tally.lateness.toSparse()),
          JSON.stringify(tally.recoveredLateness.toSparse()),
          JSON.stringify(r.byKind),
          JSON.stringify(r.errors),
          r.startedAt,
          r.finishedAt,
          r.leadMs,
        ],
      );
      await mergeMinute(pool, job.streamId, job.minute);
    },
  };
}

interface ShardRow {
  shard: number;
  finished: boolean;
  by_kind: ShardFigures["byKind"];
  unsent: number;
  lateness: ShardFigures["lateness"];
  recovered_lateness: ShardFigures["recoveredLateness"];
  errors: string[];
  lead_ms: number | null;
}

/**
 * Re-merges a sharded minute's row from its shards' rows. The minute's row is locked first, so
 * shards finishing together merge one after the other and the last merge sees them all.
 * Returns null when the minute is not a sharded one.
 */
export async function mergeMinute(
  pool: Pool,
  streamId: string,
  minute: string,
): Promise<MergedMinute | null> {
  return withTransaction(pool, async (tx) => {
    const head = await tx.query<{
      shards: number | null;
      events: number | null;
      shard_sizes: number[] | null;
    }>(
      `SELECT shards, events, shard_sizes FROM traffic_minutes
        WHERE stream_id = $1 AND minute = $2 FOR UPDATE`,
      [streamId, minute],
    );
    const { shards, events, shard_sizes: sizes } = head.rows[0] ?? {};
    if (!shards || events === null || events === undefined) return null;
    const rows = await tx.query<ShardRow>(
      `SELECT shard, finished_at IS NOT NULL AS finished, by_kind, unsent, lateness,
              recovered_lateness, errors, lead_ms
         FROM traffic_minute_shards WHERE stream_id = $1 AND minute = $2`,
      [streamId, minute],
    );
    const m = mergeShards(
      rows.rows.map((r) => ({
        shard: r.shard,
        finished: r.finished,
        byKind: r.by_kind,
        unsent: r.unsent,
        lateness: r.lateness,
        recoveredLateness: r.recovered_lateness,
        errors: r.errors,
        leadMs: r.lead_ms,
      })),
      shards,
      events,
      sizes ?? undefined,
    );
    await tx.query(
      `UPDATE traffic_minutes SET planned = $3, skipped = $4, sent = $5, succeeded = $6,
              failed = $7, retried = $8, lateness_p50_ms = $9, lateness_p99_ms = $10,
              lateness_max_ms = $11, by_kind = $12, recovered = $13,
              recovered_lateness_p99_ms = $14, recovered_lateness_max_ms = $15, unaccounted = $16, lead_ms = $17,
              finished_at = CASE WHEN $16 = 0 THEN now() ELSE finished_at END
        WHERE stream_id = $1 AND minute = $2`,
      [
        streamId,
        minute,
        m.planned,
        m.skipped,
        m.sent,
        m.succeeded,
        m.failed,
        m.retried,
        m.lateness.p50,
        m.lateness.p99,
        m.lateness.max,
        JSON.stringify(m.byKind),
        m.recovered,
        m.recoveredLateness.p99,
        m.recoveredLateness.max,
        m.unaccounted,
        m.leadMs,
      ],
    );
    return m;
  });
}
