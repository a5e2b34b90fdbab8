import { z } from "zod";
import { text, Uuid } from "../fields/index";

/** POST /comments/ body. */
export const CreateComment = z.object({
  image_id: Uuid(),
  user_id: Uuid(),
  content: text({ max: 5000, trim: true }),
});
export type CreateComment = z.infer<typeof CreateComment>;

/** A `comments` row as the API returns it. */
export const Comment = z.object({
  id: z.uuid(),
  image_id: z.uuid(),
  user_id: z.uuid(),
  content: z.string(),
  moderator_hidden: z.boolean(),
  moderator_action_id: z.uuid().nullable(),
  deleted_at: z.string().nullable(),
  created_at: z.string(),
});
export type Comment = z.infer<typeof Comment>;

/** GET /comments query. */
export const ListCommentsQuery = z.object({
  image_id: Uuid(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
