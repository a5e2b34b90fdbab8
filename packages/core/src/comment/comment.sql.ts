import { columns } from "../sql/index";

export const COLUMNS = columns(
  "comments",
  ["id", "image_id", "user_id", "content", "moderator_hidden", "moderator_action_id"],
  ["deleted_at", "created_at"],
);

/** Visible comments of an image, oldest first. */
export const listForImage = `
  SELECT ${COLUMNS} FROM comments
   WHERE image_id = $1 AND deleted_at IS NULL AND NOT moderator_hidden
   ORDER BY created_at, id LIMIT $2`;
