import { notFound } from "../errors/index";
import { toEventTimestamp, Views } from "../kafka/gourmetgram-topics";
import * as Outbox from "../outbox/index";
import { translate } from "../sql/index";
import { defineKind } from "../write/index";

/** One view to count. */
export interface NewView {
  imageId: string;
  /** Rides along on the event when known. */
  userId?: string | undefined;
}

/**
 * Views, coalesced: the views of a batch add their number to each image's row in one update, and
 * each view answers its own count (the new total minus the views after it), so counts stay exact
 * and strictly increasing, also with several processes on one database: each write takes a
 * disjoint range under the row lock. Rows are locked in id order, so two batches that share
 * images cannot deadlock. Events go in in request order, so per image their outbox ids (Kafka
 * order) follow the counts handed out. `viewed_at` is the request's own time.
 */
export const ViewWrite = defineKind<NewView>({
  name: "view",
  columns: [
    ["image_id", "uuid"],
    ["user_id", "uuid"],
  ],
  render({ input, at }) {
    return {
      values: [input.imageId, input.userId ?? null],
      event: Outbox.encode(Views, {
        event_type: "view",
        event_id: Outbox.newEventId(),
        image_id: input.imageId,
        viewed_at: toEventTimestamp(at),
        ...(input.userId ? { user_id: input.userId } : {}),
      }),
    };
  },
  checks: [
    {
      failsWhen:
        "NOT EXISTS (SELECT 1 FROM images x WHERE x.id = i.image_id AND x.deleted_at IS NULL)",
      error: () => notFound("Image not found"),
    },
  ],
  write: `locked AS (
    SELECT id FROM images
     WHERE id IN (SELECT image_id FROM todo) AND deleted_at IS NULL
     ORDER BY id FOR NO KEY UPDATE
  ), counted AS (
    UPDATE images SET views = coalesce(images.views, 0) + n.views
      FROM (SELECT image_id, count(*)::int AS views FROM todo GROUP BY image_id) n
     WHERE images.id = n.image_id AND images.id IN (SELECT id FROM locked)
    RETURNING images.id, images.views
  ), answered AS (
    SELECT t.ord,
           format('{"status":"ok","views":%s}',
                  c.views - count(*) OVER (PARTITION BY t.image_id)
                          + row_number() OVER (PARTITION BY t.image_id ORDER BY t.ord)) AS body
      FROM todo t JOIN counted c ON c.id = t.image_id
  )`,
  topic: Views.name,
  // The g-th view counted of an image is logged at the g-th time listed for it (migration 0010).
  eventTimes: `(SELECT json_object_agg(image_id, times) FROM (
      SELECT image_id, json_agg(event_at ORDER BY ord) AS times FROM todo
       GROUP BY image_id HAVING bool_or(event_at IS NOT NULL)) v)`,
  translate: (e) => translate(e, {}),
  // The image went away between the check and the update (a concurrent delete).
  unwritten: () => notFound("Image not found"),
});
