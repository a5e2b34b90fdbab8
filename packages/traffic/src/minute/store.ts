import type { Queryable } from "@gg/core/sql";
import type { ConfigVersion } from "../streams/versions";
import type { MinuteRecord } from "./record";

/**
 * Claims (stream, minute) before anything fires. The primary key makes a duplicate invocation of
 * the minute (an EventBridge double delivery, a re-run CLI) see the row and fire nothing.
 * `reserved`: the most events it may send out of the stream's `max_count`, counted against the
 * budget of the minutes prepared while it still fires. `config`: the configuration version the
 * minute plans with, recorded with the claim (so a sharded minute's row has it too).
 */
export async function claimMinute(
  db: Queryable,
  streamId: string,
  minute: string,
  reserved: number | null = null,
  config?: ConfigVersion,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO traffic_minutes (stream_id, minute, started_at, reserved, config_version, config_changed_at)
     VALUES ($1, $2, now(), $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [streamId, minute, reserved, config?.version ?? null, config?.changedAt ?? null],
  );
  return rowCount === 1;
}

/** Gives a claimed, unfired minute back (its stream stopped before the minute began). */
export async function releaseMinute(
  db: Queryable,
  streamId: string,
  minute: string,
): Promise<void> {
  await db.query(
    "DELETE FROM traffic_minutes WHERE stream_id = $1 AND minute = $2 AND finished_at IS NULL",
    [streamId, minute],
  );
}

/** Writes a minute's measured figures to its claimed row (`failed` includes never-sent events). */
export async function saveMinute(db: Queryable, r: MinuteRecord): Promise<void> {
  await db.query(
    `UPDATE traffic_minutes SET planned = $3, skipped = $4, sent = $5, succeeded = $6, failed = $7,
            retried = $8, lateness_p50_ms = $9, lateness_p99_ms = $10, lateness_max_ms = $11,
            by_kind = $12, started_at = $13, finished_at = $14, recovered = $15,
            recovered_lateness_p99_ms = $16, recovered_lateness_max_ms = $17,
            trigger_delay_ms = $18, lead_ms = $19, actors_created = $20
      WHERE stream_id = $1 AND minute = $2`,
    [
      r.streamId,
      r.minute,
      r.planned,
      r.skipped,
      r.sent,
      r.succeeded,
      r.failed,
      r.retried,
      r.lateness.p50,
      r.lateness.p99,
      r.lateness.max,
      JSON.stringify(r.byKind),
      r.startedAt,
      r.finishedAt,
      r.recovered,
      r.recoveredLateness.p99,
      r.recoveredLateness.max,
      r.triggerDelayMs,
      r.leadMs,
      r.actorsCreated,
    ],
  );
}
