import { notFound } from "../errors/index";
import { toEventTimestamp, Uploads } from "../kafka/gourmetgram-topics";
import * as Outbox from "../outbox/index";
import { translate } from "../sql/index";
import { defineKind } from "../write/index";
import { eventCategory } from "./category";
import { COLUMNS } from "./image.sql";

/** An uploaded image's row, its object already stored under a key derived from `id`. */
export interface NewImage {
  id: string;
  userId: string;
  s3Url: string;
  caption: string | null;
  category: string | null;
}

/** An image row and its `upload` event. */
export const UploadWrite = defineKind<NewImage>({
  name: "upload",
  columns: [
    ["id", "uuid"],
    ["user_id", "uuid"],
    ["s3_url", "text"],
    ["caption", "text"],
    ["category", "text"],
    ["created_at", "timestamptz"],
  ],
  render({ input, at }) {
    const created_at = toEventTimestamp(at);
    return {
      values: [input.id, input.userId, input.s3Url, input.caption, input.category, created_at],
      event: Outbox.encode(Uploads, {
        event_type: "upload",
        event_id: Outbox.newEventId(),
        image_id: input.id,
        user_id: input.userId,
        category: eventCategory(input.category),
        caption: input.caption,
        created_at,
        s3_url: input.s3Url,
      }),
    };
  },
  checks: [
    {
      failsWhen: "NOT EXISTS (SELECT 1 FROM users x WHERE x.id = i.user_id)",
      error: () => notFound("User not found"),
    },
  ],
  write: `saved AS (
    INSERT INTO images (id, user_id, s3_url, source, caption, category, created_at)
    SELECT id, user_id, s3_url, 'user_upload', caption, category, created_at FROM todo ORDER BY ord
    RETURNING ${COLUMNS}
  ), answered AS (
    SELECT t.ord, row_to_json(s)::text AS body FROM todo t JOIN saved s ON s.id = t.id
  )`,
  topic: Uploads.name,
  translate: (e) => translate(e, { images_user_id_fkey: "User not found" }),
});
