import { randomUUID } from "node:crypto";
import { invalidInput } from "../errors/index";
import { columns, type Queryable, translate } from "../sql/index";
import type { CreateFlag, Flag } from "./schema";

export { CreateFlag, Flag } from "./schema";

const COLUMNS = columns(
  "flags",
  ["id", "user_id", "image_id", "comment_id", "reason", "moderation_action_id", "review_status"],
  ["resolved_at", "created_at"],
);

/** Insert a flag (inside the caller's transaction). Neither target is a 400, as in the original. */
export async function insert(tx: Queryable, input: CreateFlag): Promise<Flag> {
  if (!input.image_id && !input.comment_id) {
    throw invalidInput("Either image_id or comment_id must be provided");
  }
  try {
    const { rows } = await tx.query<Flag>(
      `INSERT INTO flags (id, user_id, image_id, comment_id, reason) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${COLUMNS}`,
      [randomUUID(), input.user_id, input.image_id ?? null, input.comment_id ?? null, input.reason],
    );
    return rows[0] as Flag;
  } catch (e) {
    throw translate(e, {
      flags_user_id_fkey: "User not found",
      flags_image_id_fkey: "Image not found",
      flags_comment_id_fkey: "Comment not found",
    });
  }
}
