import type { Queryable } from "@gg/core/sql";
import type { KnownImage, KnownState, KnownUser } from "../../plan/index";

/**
 * What exists, from Postgres (a cold Lambda knows every user and image): users, and live images
 * with their engagement counters, in a stable order (created_at, id) since the plan depends on it.
 * With `before`, only rows created before that minute, each with its `createdAt`, so a replay of
 * the minute sees what its first run saw; without it (backfill), everything that exists now.
 */
export async function loadState(db: Queryable, before?: Date): Promise<KnownState> {
  const cut = before ?? null;
  const [users, images] = await Promise.all([
    db.query<{ id: string; created_ms: number }>(
      `SELECT id::text AS id, floor(extract(epoch FROM created_at) * 1000)::float8 AS created_ms
         FROM users WHERE $1::timestamptz IS NULL OR created_at < $1
        ORDER BY created_at, id`,
      [cut],
    ),
    db.query<{
      id: string;
      user_id: string;
      views: number;
      comments: number;
      flags: number;
      created_ms: number;
    }>(
      `SELECT i.id::text AS id, i.user_id::text AS user_id, coalesce(i.views, 0)::int AS views,
              coalesce(c.n, 0)::int AS comments, coalesce(f.n, 0)::int AS flags,
              floor(extract(epoch FROM i.created_at) * 1000)::float8 AS created_ms
         FROM images i
         LEFT JOIN (SELECT image_id, count(*) AS n FROM comments WHERE deleted_at IS NULL GROUP BY image_id) c
                ON c.image_id = i.id
         LEFT JOIN (SELECT image_id, count(*) AS n FROM flags WHERE image_id IS NOT NULL GROUP BY image_id) f
                ON f.image_id = i.id
        WHERE i.deleted_at IS NULL AND ($1::timestamptz IS NULL OR i.created_at < $1)
        ORDER BY i.created_at, i.id`,
      [cut],
    ),
  ]);
  const at = (ms: number) => (cut ? { createdAt: new Date(ms).toISOString() } : {});
  return {
    users: users.rows.map((u): KnownUser => ({ id: u.id, ...at(u.created_ms) })),
    images: images.rows.map(
      (i): KnownImage => ({
        id: i.id,
        userId: i.user_id,
        views: i.views,
        comments: i.comments,
        flags: i.flags,
        ...at(i.created_ms),
      }),
    ),
  };
}
