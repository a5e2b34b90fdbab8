import type { Queryable } from "@gg/core/sql";
import type { ShapeRow } from "../../rates/index";

/** What `pnpm generate shape --table` counts: one kind of event, or every event. */
export const SHAPE_TABLES = ["events", "users", "uploads", "views", "comments", "flags"] as const;
export type ShapeTable = (typeof SHAPE_TABLES)[number];

// planning_engagement's kinds (migration 0006): an upload, a view, a comment, a flag.
const KIND = { uploads: 0, views: 1, comments: 2, flags: 3 } as const;

/**
 * The platform's own events per minute in [from, to), by event time (the planning logs stamp
 * each write with the time it was planned for, so a backfill counts in its minutes, not when it
 * ran): every minute is listed, 0 where nothing happened.
 */
export async function recordedShape(
  db: Queryable,
  input: { from: Date; to: Date; table: ShapeTable },
): Promise<ShapeRow[]> {
  const t = input.table;
  const users = t === "events" || t === "users";
  const kinds = t === "events" ? [0, 1, 2, 3] : t === "users" ? [] : [KIND[t]];
  const { rows } = await db.query<{ minute: Date; count: number }>(
    `WITH e AS (
       SELECT at FROM planning_users WHERE $3 AND at >= $1 AND at < $2
       UNION ALL
       SELECT at FROM planning_engagement WHERE kind = ANY($4::smallint[]) AND at >= $1 AND at < $2)
     SELECT m.minute, count(e.at)::int AS count
       FROM generate_series(date_trunc('minute', $1::timestamptz),
                            $2::timestamptz - interval '1 microsecond', interval '1 minute') AS m(minute)
       LEFT JOIN e ON date_trunc('minute', e.at) = m.minute
      GROUP BY m.minute ORDER BY m.minute`,
    [input.from, input.to, users, kinds],
  );
  return rows.map((r) => ({ minute: r.minute, count: r.count }));
}
