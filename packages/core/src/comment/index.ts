import { randomUUID } from "node:crypto";
import { Comments } from "../kafka/gourmetgram-topics";
import * as Outbox from "../outbox/index";
import { columns, type Queryable, translate } from "../sql/index";
import type { Comment, CreateComment } from "./schema";

export { Comment, CreateComment, ListCommentsQuery } from "./schema";

const COLUMNS = columns(
  "comments",
  ["id", "image_id", "user_id", "content", "moderator_hidden", "moderator_action_id"],
  ["deleted_at", "created_at"],
);

/** Insert a comment (inside the caller's transaction); NOT_FOUND names the missing image or user. */
export async function insert(tx: Queryable, input: CreateComment): Promise<Comment> {
  try {
    const { rows } = await tx.query<Comment>(
      `INSERT INTO comments (id, image_id, user_id, content) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [randomUUID(), input.image_id, input.user_id, input.content],
    );
    return rows[0] as Comment;
  } catch (e) {
    throw translate(e, {
      comments_image_id_fkey: "Image not found",
      comments_user_id_fkey: "User not found",
    });
  }
}

/** Visible comments of an image, oldest first. */
export async function listForImage(
  db: Queryable,
  imageId: string,
  limit: number,
): Promise<Comment[]> {
  const { rows } = await db.query<Comment>(
    `SELECT ${COLUMNS} FROM comments
      WHERE image_id = $1 AND deleted_at IS NULL AND NOT moderator_hidden
      ORDER BY created_at, id LIMIT $2`,
    [imageId, limit],
  );
  return rows;
}

/** Insert a comment and its `comment` event in the caller's transaction. */
export async function create(tx: Queryable, input: CreateComment): Promise<Comment> {
  const comment = await insert(tx, input);
  await Outbox.enqueue(tx, Comments, {
    event_type: "comment",
    event_id: Outbox.newEventId(),
    comment_id: comment.id,
    image_id: comment.image_id,
    user_id: comment.user_id,
    content: comment.content,
    created_at: comment.created_at,
  });
  return comment;
}
