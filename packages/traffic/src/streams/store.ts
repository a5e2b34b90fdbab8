import { randomUUID } from "node:crypto";
import { notFound } from "@gg/core/errors";
import { decodeCursor, type PageQuery, pageOf } from "@gg/core/page";
import type { Queryable } from "@gg/core/sql";
import { anchorReplay } from "./replay-start";
import type { StartStream, Stream, StreamStats } from "./schema";

const COLUMNS = `id::text AS stream_id, scenario, status, config,
  gg_iso(started_at) AS started_at, gg_iso(ends_at) AS ends_at, max_count::int AS max_count,
  gg_iso(stopped_at) AS stopped_at, stop_reason, version, gg_iso(changed_at) AS changed_at`;

/** Persist a new running stream. */
export async function create(
  db: Queryable,
  input: StartStream,
  id: string = randomUUID(),
): Promise<Stream> {
  input = anchorReplay(input, new Date());
  const { rows } = await db.query<Stream>(
    `INSERT INTO traffic_streams (id, scenario, config, ends_at, max_count)
     VALUES ($1, $2, $3, CASE WHEN $4::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $4::float8) END, $5)
     RETURNING ${COLUMNS}`,
    [id, input.scenario, JSON.stringify(input), input.duration ?? null, input.max_count ?? null],
  );
  return rows[0] as Stream;
}

/** Streams, newest first; `status` filters. */
export async function list(db: Queryable, status?: Stream["status"]): Promise<Stream[]> {
  const { rows } = await db.query<Stream>(
    `SELECT ${COLUMNS} FROM traffic_streams WHERE $1::text IS NULL OR status = $1 ORDER BY started_at DESC, id`,
    [status ?? null],
  );
  return rows;
}

/** Running streams of one scenario, oldest first, at most `limit` of them. */
export async function running(
  db: Queryable,
  scenario: Stream["scenario"],
  limit: number,
): Promise<Stream[]> {
  const { rows } = await db.query<Stream>(
    `SELECT ${COLUMNS} FROM traffic_streams WHERE status = 'running' AND scenario = $1
      ORDER BY started_at, id LIMIT $2`,
    [scenario, limit],
  );
  return rows;
}

/** One page of every stream, newest first (`PageQuery`: a forged cursor is INVALID_INPUT). */
export async function page(db: Queryable, query: PageQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { rows } = await db.query<Stream>(
    `SELECT ${COLUMNS} FROM traffic_streams
      WHERE $2::timestamptz IS NULL OR (started_at, id) < ($2::timestamptz, $3::uuid)
      ORDER BY started_at DESC, id DESC LIMIT $1`,
    [query.limit, after?.at ?? null, after?.id ?? null],
  );
  return pageOf(rows, query.limit, (s) => ({ at: s.started_at, id: s.stream_id }));
}

/** How many streams run now (every scenario). */
export async function countRunning(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM traffic_streams WHERE status = 'running'",
  );
  return rows[0]?.n ?? 0;
}

/** The stream with this id, or NOT_FOUND. */
export async function get(db: Queryable, id: string): Promise<Stream> {
  const { rows } = await db.query<Stream>(`SELECT ${COLUMNS} FROM traffic_streams WHERE id = $1`, [
    id,
  ]);
  if (!rows[0]) throw notFound("Stream not found");
  return rows[0];
}

/** Stop a running stream (idempotent: stopping a finished stream returns it unchanged). */
export async function stop(
  db: Queryable,
  id: string,
  reason = "stopped by request",
): Promise<Stream> {
  await db.query(
    `UPDATE traffic_streams SET status = 'stopped', stopped_at = now(), stop_reason = $2
      WHERE id = $1 AND status = 'running'`,
    [id, reason],
  );
  return get(db, id);
}

/**
 * Complete running streams whose duration has passed by `horizon` (default `now`; the generator
 * passes the start of a minute it prepares ahead) or whose event budget is spent; returns the ids
 * completed. The generator calls it before and after each minute.
 */
export async function completeFinished(
  db: Queryable,
  now: Date,
  horizon: Date = now,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE traffic_streams s SET status = 'completed', stopped_at = $1,
            stop_reason = CASE WHEN s.ends_at IS NOT NULL AND s.ends_at <= $2 THEN 'duration reached' ELSE 'max_count reached' END
      WHERE s.status = 'running'
        AND ((s.ends_at IS NOT NULL AND s.ends_at <= $2)
          OR (s.max_count IS NOT NULL AND s.max_count <=
              (SELECT coalesce(sum(m.sent), 0) FROM traffic_minutes m WHERE m.stream_id = s.id)))
      RETURNING s.id::text AS id`,
    [now, horizon],
  );
  return rows.map((r) => r.id);
}

/**
 * Events a stream may still send in `minute` (Infinity without a budget): a minute that has not
 * finished counts its reservation (it may still send that many), a finished one what it sent.
 */
export async function remainingBudget(
  db: Queryable,
  stream: Stream,
  minute?: Date,
): Promise<number> {
  if (stream.max_count === null) return Number.POSITIVE_INFINITY;
  const { rows } = await db.query<{ sent: number }>(
    `SELECT coalesce(sum(CASE WHEN finished_at IS NULL THEN greatest(sent, coalesce(reserved, 0))
                              ELSE sent END), 0)::int AS sent
       FROM traffic_minutes WHERE stream_id = $1 AND ($2::timestamptz IS NULL OR minute <> $2)`,
    [stream.stream_id, minute ?? null],
  );
  return Math.max(0, stream.max_count - (rows[0]?.sent ?? 0));
}

const STATS = `count(m.minute)::int AS minutes,
  coalesce(sum(m.planned), 0)::int AS planned, coalesce(sum(m.sent), 0)::int AS sent,
  coalesce(sum(m.succeeded), 0)::int AS succeeded, coalesce(sum(m.failed), 0)::int AS failed,
  coalesce(sum(m.retried), 0)::int AS retried, coalesce(sum(m.skipped), 0)::int AS skipped,
  CASE WHEN count(m.minute) = 0 THEN 0 ELSE coalesce(sum(m.sent), 0)::float8 / (count(m.minute) * 60) END AS rate_per_second,
  max(m.lateness_p99_ms) AS lateness_p99_ms_max,
  count(m.minute) FILTER (WHERE m.lead_ms < 0)::int AS late_minutes,
  gg_iso(max(m.minute)) AS last_minute,
  s.version AS config_version, gg_iso(s.changed_at) AS config_changed_at,
  (array_agg(m.config_version ORDER BY m.minute DESC))[1] AS last_minute_config_version`;

/** Measured figures of one stream (empty when no such stream). */
export async function stats(db: Queryable, id: string): Promise<StreamStats[]> {
  const { rows } = await db.query<StreamStats>(
    `SELECT s.id::text AS stream_id, ${STATS}
       FROM traffic_streams s LEFT JOIN traffic_minutes m ON m.stream_id = s.id
      WHERE s.id = $1 GROUP BY s.id`,
    [id],
  );
  return rows;
}

/**
 * Measured figures of one page of streams, newest first, as `page` pages them: the page's streams
 * are picked first, so only their minutes are summed.
 */
export async function statsPage(db: Queryable, query: PageQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { rows } = await db.query<StreamStats & { page_at: string }>(
    `WITH page AS (
       SELECT id, started_at, version, changed_at FROM traffic_streams
        WHERE $2::timestamptz IS NULL OR (started_at, id) < ($2::timestamptz, $3::uuid)
        ORDER BY started_at DESC, id DESC LIMIT $1)
     SELECT s.id::text AS stream_id, gg_iso(s.started_at) AS page_at, ${STATS}
       FROM page s LEFT JOIN traffic_minutes m ON m.stream_id = s.id
      GROUP BY s.id, s.started_at, s.version, s.changed_at ORDER BY s.started_at DESC, s.id DESC`,
    [query.limit, after?.at ?? null, after?.id ?? null],
  );
  const { nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.page_at, id: r.stream_id }));
  return { items: rows.map(({ page_at: _, ...r }) => r as StreamStats), nextCursor };
}
