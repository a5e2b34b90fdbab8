import { randomUUID } from "node:crypto";
import { invalidInput } from "../errors/index";
import { Flags } from "../kafka/gourmetgram-topics";
import * as Outbox from "../outbox/index";
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

/** Insert a flag and its `flag` event in the caller's transaction. */
export async function create(tx: Queryable, input: CreateFlag): Promise<Flag> {
  const flag = await insert(tx, input);
  await Outbox.enqueue(tx, Flags, {
    event_type: "flag",
    event_id: Outbox.newEventId(),
    flag_id: flag.id,
    user_id: flag.user_id,
    image_id: flag.image_id,
    comment_id: flag.comment_id,
    reason: flag.reason,
    created_at: flag.created_at,
  });
  return flag;
}
