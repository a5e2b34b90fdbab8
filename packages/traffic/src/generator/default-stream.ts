import type { Queryable } from "@gg/core/sql";
import * as Streams from "../streams/index";

/** The fixed id of the env-configured stream, so restarts keep one stream (and its stats). */
export const DEFAULT_STREAM_ID = "5eed0000-0000-4000-8000-000000000001";

/**
 * When no stream is running, (re)start the default stream with the env's configuration; returns
 * it, or null when other streams are running (they are the traffic then).
 */
export async function ensureDefaultStream(
  db: Queryable,
  input: Streams.StartStream,
): Promise<Streams.Stream | null> {
  if ((await Streams.list(db, "running")).length > 0) return null;
  return upsertStream(db, DEFAULT_STREAM_ID, input);
}

/**
 * Creates stream `id` or restarts it with `input` as its configuration (running, no end). A restart
 * is a new life: its change history goes, so every minute it runs or backfills plans with `input`.
 */
export async function upsertStream(
  db: Queryable,
  id: string,
  input: Streams.StartStream,
): Promise<Streams.Stream> {
  await db.query("DELETE FROM traffic_stream_versions WHERE stream_id = $1", [id]);
  await db.query(
    `INSERT INTO traffic_streams (id, scenario, config) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET scenario = EXCLUDED.scenario, config = EXCLUDED.config,
       status = 'running', stopped_at = NULL, stop_reason = NULL, ends_at = NULL, max_count = NULL,
       version = 1, changed_at = NULL`,
    [id, input.scenario, JSON.stringify(input)],
  );
  return Streams.get(db, id);
}
