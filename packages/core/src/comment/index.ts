import type { Queryable } from "../sql/index";
import * as Sql from "./comment.sql";
import type { Comment } from "./schema";

export { CommentWrite } from "./comment.write";
export { Comment, CreateComment, ListCommentsQuery } from "./schema";

/** Visible comments of an image, oldest first. */
export async function listForImage(
  db: Queryable,
  imageId: string,
  limit: number,
): Promise<Comment[]> {
  const { rows } = await db.query<Comment>(Sql.listForImage, [imageId, limit]);
  return rows;
}
