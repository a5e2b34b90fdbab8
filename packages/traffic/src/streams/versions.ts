import { conflict, notFound } from "@gg/core/errors";
import type { Queryable } from "@gg/core/sql";
import { MINUTE_MS, PREPARE_LEAD_MS } from "../minute/frame";
import type { RateCeilings } from "../scenarios/index";
import { checkCapacity } from "./capacity";
import { type PatchStream, patchedConfig } from "./patch";
import { anchorReplay } from "./replay-start";
import type { Stream } from "./schema";
import { get } from "./store";

/** Which configuration of its stream a minute plans with: its version, and when it was made. */
export interface ConfigVersion {
  version: number;
  /** When the change was made; null for the configuration the stream started with. */
  changedAt: string | null;
}

/**
 * Slack between a change and the preparation of the minute it first reaches, so a generator that
 * starts preparing a minute while the change commits still reads the version before it.
 */
export const CHANGE_MARGIN_MS = 2_000;

/**
 * The first minute a change made at `now` reaches: the first whose preparation (`PREPARE_LEAD_MS`
 * before its start) is still ahead by `CHANGE_MARGIN_MS`, and after every minute already claimed
 * (one a late trigger or a backfill prepared early).
 */
export function firstUnpreparedMinute(now: Date, lastClaimed: Date | null): Date {
  const ready = now.getTime() + PREPARE_LEAD_MS + CHANGE_MARGIN_MS;
  const next = Math.ceil(ready / MINUTE_MS) * MINUTE_MS;
  const after = lastClaimed === null ? next : lastClaimed.getTime() + MINUTE_MS;
  return new Date(Math.max(next, after));
}

/** A change made: the stream as it now is, its new version, and the first minute it plans. */
export interface StreamChange {
  stream: Stream;
  version: number;
  changed_at: string;
  effective_minute: string;
}

/**
 * Changes a running stream (PATCH /stream/{id}): checks the patched configuration as a start
 * (`patchedConfig`) and against the running streams with this one at its new rate
 * (`checkCapacity`), then keeps it as a new version from the first minute not yet prepared. Run it
 * under `withRuleSync`'s lock, as a start is, so a change and a start cannot both squeeze in.
 * NOT_FOUND for an unknown stream, CONFLICT for one that no longer runs.
 */
export async function change(
  db: Queryable,
  id: string,
  patch: PatchStream,
  ceilings: RateCeilings,
  now: Date = new Date(),
): Promise<StreamChange> {
  const { rows } = await db.query<{ status: Stream["status"] }>(
    "SELECT status FROM traffic_streams WHERE id = $1 FOR UPDATE",
    [id],
  );
  if (!rows[0]) throw notFound("Stream not found");
  const stream = await get(db, id);
  if (stream.status !== "running") {
    throw conflict(`stream ${id} is ${stream.status}: only a running stream can be changed`);
  }
  const patched = patchedConfig(stream, patch, ceilings);
  await checkCapacity(db, patched, ceilings, id);
  const claimed = await db.query<{ last: Date | null }>(
    "SELECT max(minute) AS last FROM traffic_minutes WHERE stream_id = $1",
    [id],
  );
  const from = firstUnpreparedMinute(now, claimed.rows[0]?.last ?? null);
  // A replay given by the change starts at the change's first minute.
  const config = anchorReplay(patched, from);
  // The first change keeps the starting configuration as version 1, in force before it.
  await db.query(
    `INSERT INTO traffic_stream_versions (stream_id, version, config, changed_at, from_minute)
     SELECT id, 1, config, started_at, '-infinity' FROM traffic_streams WHERE id = $1
     ON CONFLICT DO NOTHING`,
    [id],
  );
  const version = stream.version + 1;
  await db.query(
    `INSERT INTO traffic_stream_versions (stream_id, version, config, changed_at, from_minute)
     VALUES ($1, $2, $3, $4, $5)`,
    [id, version, JSON.stringify(config), now, from],
  );
  await db.query(
    `UPDATE traffic_streams SET config = $2, version = $3, changed_at = $4, max_count = $5,
            ends_at = CASE WHEN $6::float8 IS NULL THEN NULL
                           ELSE started_at + make_interval(secs => $6::float8) END
      WHERE id = $1`,
    [id, JSON.stringify(config), version, now, config.max_count ?? null, config.duration ?? null],
  );
  return {
    stream: await get(db, id),
    version,
    changed_at: now.toISOString(),
    effective_minute: from.toISOString(),
  };
}

/** A stream as one of its minutes plans it: the configuration in force then, and its version. */
export type StreamAt<S extends Pick<Stream, "stream_id" | "config">> = S & {
  configVersion: ConfigVersion;
};

/**
 * Each stream with the configuration in force for `minute` (the latest version whose first minute
 * is not after it), so a replayed or backfilled minute plans what was in force then, not the latest.
 * A stream never changed plans its one configuration, as version 1.
 */
export async function inForce<S extends Pick<Stream, "stream_id" | "config">>(
  db: Queryable,
  streams: readonly S[],
  minute: Date,
): Promise<StreamAt<S>[]> {
  if (streams.length === 0) return [];
  const { rows } = await db.query<{
    stream_id: string;
    version: number;
    config: Record<string, unknown>;
    changed_at: string;
  }>(
    `SELECT DISTINCT ON (stream_id) stream_id::text AS stream_id, version, config,
            gg_iso(changed_at) AS changed_at
       FROM traffic_stream_versions WHERE stream_id = ANY($1::uuid[]) AND from_minute <= $2
      ORDER BY stream_id, version DESC`,
    [streams.map((s) => s.stream_id), minute],
  );
  const byId = new Map(rows.map((r) => [r.stream_id, r]));
  return streams.map((s) => {
    const v = byId.get(s.stream_id);
    if (!v) return { ...s, configVersion: { version: 1, changedAt: null } };
    const changedAt = v.version === 1 ? null : v.changed_at;
    return { ...s, config: v.config, configVersion: { version: v.version, changedAt } };
  });
}
