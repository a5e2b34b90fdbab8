import { z } from "zod";

/** POST /flags/ body: at least one target (checked separately, answered 400 like the original). */
export const CreateFlag = z.object({
  user_id: z.uuid(),
  reason: z.string().trim().min(1).max(1000),
  image_id: z.uuid().nullish(),
  comment_id: z.uuid().nullish(),
});
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
