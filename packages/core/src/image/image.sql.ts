import { columns } from "../sql/index";

export const COLUMNS = columns(
  "images",
  ["id", "user_id", "s3_url", "source", "caption", "category", "views"],
  ["created_at", "deleted_at"],
);

export const insertImage = `
  INSERT INTO images (id, user_id, s3_url, source, caption, category)
  VALUES ($1, $2, $3, $4, $5, $6)
  RETURNING ${COLUMNS}`;

// n views of one image and their n events in one statement: one round trip, and the row lock is
// held only for the statement. No row (unknown or deleted image) inserts no event. The events go
// in in array order, so their outbox ids (Kafka order per key) follow the counts handed out.
// The events were rendered (and validated) by the app before the database's clock was read, with
// a placeholder timestamp of the same format ($6); it becomes now() here, so viewed_at is the
// transaction time with microseconds, like every other event's timestamp.
export const countViews = `
  WITH counted AS (
    UPDATE images SET views = coalesce(views, 0) + cardinality($2::uuid[])
     WHERE id = $1 AND deleted_at IS NULL
    RETURNING views, gg_iso(now()) AS viewed_at
  ), events AS (
    INSERT INTO outbox (event_id, topic, key, value)
    SELECT e.event_id, $3, $4, replace(e.value, $6, counted.viewed_at)
      FROM counted, unnest($2::uuid[], $5::text[]) WITH ORDINALITY AS e(event_id, value, ord)
     ORDER BY e.ord
  )
  SELECT views FROM counted`;

export const selectImage = `SELECT ${COLUMNS} FROM images WHERE id = $1 AND deleted_at IS NULL`;

// Keyset pagination on (created_at, id): stable under concurrent inserts, unlike OFFSET.
export const listImages = `
  SELECT ${COLUMNS} FROM images
   WHERE deleted_at IS NULL
     AND ($2::timestamptz IS NULL OR (images.created_at, images.id) < ($2::timestamptz, $3::uuid))
   ORDER BY images.created_at DESC, images.id DESC
   LIMIT $1`;

export const engagement = `
  SELECT i.id, i.user_id AS "userId", coalesce(i.views, 0) AS views,
         (SELECT count(*) FROM comments c WHERE c.image_id = i.id)::int AS comments,
         (SELECT count(*) FROM flags f WHERE f.image_id = i.id)::int AS flags
    FROM images i
   WHERE i.deleted_at IS NULL
   ORDER BY i.created_at, i.id
   LIMIT $1`;
