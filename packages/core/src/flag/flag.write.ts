import { randomUUID } from "node:crypto";
import { invalidInput, notFound } from "../errors/index";
import { Flags, toEventTimestamp } from "../kafka/gourmetgram-topics";
import * as Outbox from "../outbox/index";
import { columns, translate } from "../sql/index";
import { defineKind } from "../write/index";
import type { CreateFlag } from "./schema";

const COLUMNS = columns(
  "flags",
  ["id", "user_id", "image_id", "comment_id", "reason", "moderation_action_id", "review_status"],
  ["resolved_at", "created_at"],
);

/** A flag and its `flag` event. Neither target is a 400 at once, as in the original. */
export const FlagWrite = defineKind<CreateFlag>({
  name: "flag",
  columns: [
    ["id", "uuid"],
    ["user_id", "uuid"],
    ["image_id", "uuid"],
    ["comment_id", "uuid"],
    ["reason", "text"],
    ["created_at", "timestamptz"],
  ],
  render({ input, at }) {
    if (!input.image_id && !input.comment_id) {
      throw invalidInput("Either image_id or comment_id must be provided");
    }
    const id = randomUUID();
    const created_at = toEventTimestamp(at);
    const imageId = input.image_id ?? null;
    const commentId = input.comment_id ?? null;
    return {
      values: [id, input.user_id, imageId, commentId, input.reason, created_at],
      event: Outbox.encode(Flags, {
        event_type: "flag",
        event_id: Outbox.newEventId(),
        flag_id: id,
        user_id: input.user_id,
        image_id: imageId,
        comment_id: commentId,
        reason: input.reason,
        created_at,
      }),
    };
  },
  checks: [
    {
      failsWhen: "NOT EXISTS (SELECT 1 FROM users x WHERE x.id = i.user_id)",
      error: () => notFound("User not found"),
    },
    {
      failsWhen:
        "i.image_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM images x WHERE x.id = i.image_id)",
      error: () => notFound("Image not found"),
    },
    {
      failsWhen:
        "i.comment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM comments x WHERE x.id = i.comment_id)",
      error: () => notFound("Comment not found"),
    },
  ],
  write: `saved AS (
    INSERT INTO flags (id, user_id, image_id, comment_id, reason, created_at)
    SELECT id, user_id, image_id, comment_id, reason, created_at FROM todo ORDER BY ord
    RETURNING ${COLUMNS}
  ), answered AS (
    SELECT t.ord, row_to_json(s)::text AS body FROM todo t JOIN saved s ON s.id = t.id
  )`,
  topic: Flags.name,
  translate: (e) =>
    translate(e, {
      flags_user_id_fkey: "User not found",
      flags_image_id_fkey: "Image not found",
      flags_comment_id_fkey: "Comment not found",
    }),
});
