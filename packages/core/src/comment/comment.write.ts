import { randomUUID } from "node:crypto";
import { notFound } from "../errors/index";
import { Comments, toEventTimestamp } from "../kafka/gourmetgram-topics";
import * as Outbox from "../outbox/index";
import { translate } from "../sql/index";
import { defineKind } from "../write/index";
import { COLUMNS } from "./comment.sql";
import type { CreateComment } from "./schema";

/** A comment and its `comment` event; a missing image or user fails that request alone (404). */
export const CommentWrite = defineKind<CreateComment>({
  name: "comment",
  columns: [
    ["id", "uuid"],
    ["image_id", "uuid"],
    ["user_id", "uuid"],
    ["content", "text"],
    ["created_at", "timestamptz"],
  ],
  render({ input, at }) {
    const id = randomUUID();
    const created_at = toEventTimestamp(at);
    return {
      values: [id, input.image_id, input.user_id, input.content, created_at],
      event: Outbox.encode(Comments, {
        event_type: "comment",
        event_id: Outbox.newEventId(),
        comment_id: id,
        image_id: input.image_id,
        user_id: input.user_id,
        content: input.content,
        created_at,
      }),
    };
  },
  checks: [
    {
      failsWhen: "NOT EXISTS (SELECT 1 FROM images x WHERE x.id = i.image_id)",
      error: () => notFound("Image not found"),
    },
    {
      failsWhen: "NOT EXISTS (SELECT 1 FROM users x WHERE x.id = i.user_id)",
      error: () => notFound("User not found"),
    },
  ],
  write: `saved AS (
    INSERT INTO comments (id, image_id, user_id, content, created_at)
    SELECT id, image_id, user_id, content, created_at FROM todo ORDER BY ord
    RETURNING ${COLUMNS}
  ), answered AS (
    SELECT t.ord, row_to_json(s)::text AS body FROM todo t JOIN saved s ON s.id = t.id
  )`,
  topic: Comments.name,
  translate: (e) =>
    translate(e, {
      comments_image_id_fkey: "Image not found",
      comments_user_id_fkey: "User not found",
    }),
});
