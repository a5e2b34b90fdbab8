import { columns } from "../sql/index";

export const COLUMNS = columns(
  "images",
  ["id", "user_id", "s3_url", "source", "caption", "category", "views"],
  ["created_at", "deleted_at"],
);

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
