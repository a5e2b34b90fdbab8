import { z } from "zod";
import { CATEGORIES, UNKNOWN } from "../food11/index";
import { isoMicro } from "../time/index";
import { createTopicRegistry, defineTopic } from "./topic";

// The four GourmetGram topics of contract §4. Field names are the original's, which downstream
// consumers read; `event_id` (dedup) and `user_id` on views are the allowed additions.

/** Food-11 class names, byte-exact (declared once, in `@gg/core/food11`). */
export const Food11Categories = CATEGORIES;
export const Category = z.enum([...CATEGORIES, UNKNOWN]);

/**
 * Contract timestamp: UTC, explicit `+00:00` and microseconds. A `Z` suffix or a negative
 * offset is refused because one downstream ETL job mis-parses them.
 */
export const EventTimestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/,
    "expected YYYY-MM-DDTHH:MM:SS.ffffff+00:00",
  );

/** Formats a Date as an `EventTimestamp` (Dates carry milliseconds; microseconds pad with 000). */
export function toEventTimestamp(date: Date): string {
  return isoMicro(date);
}

const Id = z.uuid();

export const UploadEvent = z.object({
  event_type: z.literal("upload"),
  event_id: Id,
  image_id: Id,
  user_id: Id,
  category: Category,
  caption: z.string().nullable(),
  created_at: EventTimestamp,
  s3_url: z.string().min(1),
});
export type UploadEvent = z.infer<typeof UploadEvent>;

export const ViewEvent = z.object({
  event_type: z.literal("view"),
  event_id: Id,
  image_id: Id,
  viewed_at: EventTimestamp,
  user_id: Id.optional(),
});
export type ViewEvent = z.infer<typeof ViewEvent>;

export const CommentEvent = z.object({
  event_type: z.literal("comment"),
  event_id: Id,
  comment_id: Id,
  image_id: Id,
  user_id: Id,
  content: z.string(),
  created_at: EventTimestamp,
});
export type CommentEvent = z.infer<typeof CommentEvent>;

export const FlagEvent = z
  .object({
    event_type: z.literal("flag"),
    event_id: Id,
    flag_id: Id,
    user_id: Id,
    image_id: Id.nullable(),
    comment_id: Id.nullable(),
    reason: z.string(),
    created_at: EventTimestamp,
  })
  .refine((f) => f.image_id !== null || f.comment_id !== null, {
    message: "a flag targets an image or a comment",
    path: ["image_id"],
  });
export type FlagEvent = z.infer<typeof FlagEvent>;

export const Uploads = defineTopic({
  name: "gourmetgram.uploads",
  schema: UploadEvent,
  key: (e) => e.image_id,
});
export const Views = defineTopic({
  name: "gourmetgram.views",
  schema: ViewEvent,
  key: (e) => e.image_id,
});
export const Comments = defineTopic({
  name: "gourmetgram.comments",
  schema: CommentEvent,
  key: (e) => e.image_id,
});
// A flag on a comment may carry no image_id; it then keys by the comment so its events still
// stay in order with each other.
export const Flags = defineTopic({
  name: "gourmetgram.flags",
  schema: FlagEvent,
  key: (e) => e.image_id ?? e.comment_id ?? e.flag_id,
});

/** The GourmetGram topics by event kind (the firehose's `--mix` and `--topic` keys). */
export const GOURMETGRAM_TOPICS = {
  uploads: Uploads,
  views: Views,
  comments: Comments,
  flags: Flags,
} as const;
export type GourmetGramKind = keyof typeof GOURMETGRAM_TOPICS;
export const GOURMETGRAM_KINDS = Object.keys(GOURMETGRAM_TOPICS) as [
  GourmetGramKind,
  ...GourmetGramKind[],
];

/** Topic name per kind: the contract's names (without a deployment's `topicPrefix`). */
export function gourmetgramTopicNames(): Record<GourmetGramKind, string> {
  return Object.fromEntries(
    GOURMETGRAM_KINDS.map((k) => [k, GOURMETGRAM_TOPICS[k].name]),
  ) as Record<GourmetGramKind, string>;
}

/** The GourmetGram topics, for `ensureTopics` and lookups by name. */
export const GourmetGramTopics = createTopicRegistry([Uploads, Views, Comments, Flags]);
