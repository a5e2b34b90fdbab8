import { z } from "zod";
import { text, Uuid } from "../fields/index";

// A target is named when its key holds a string (null or absent names none).
const names = (key: string) => ({ required: [key], properties: { [key]: { type: "string" } } });

/**
 * POST /flags/ body: at least one target, an image or a comment or both (the table's check). The
 * rule is in the document (`anyOf`); it is enforced when the flag is written, where neither is a
 * 400 with the original's message, not a 422.
 */
export const CreateFlag = z
  .object({
    user_id: Uuid(),
    reason: text({ max: 1000, trim: true }),
    image_id: Uuid().nullish(),
    comment_id: Uuid().nullish(),
  })
  .meta({ anyOf: [names("image_id"), names("comment_id")] });
export type CreateFlag = z.infer<typeof CreateFlag>;

/** A `flags` row as the API returns it. */
export const Flag = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  image_id: z.uuid().nullable(),
  comment_id: z.uuid().nullable(),
  reason: z.string(),
  moderation_action_id: z.uuid().nullable(),
  review_status: z.enum(["pending", "confirmed", "rejected"]),
  resolved_at: z.string().nullable(),
  created_at: z.string(),
});
export type Flag = z.infer<typeof Flag>;
