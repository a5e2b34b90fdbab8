import { z } from "zod";

export const Source = z.enum(["user_upload", "synthetic", "import"]);

/** An `images` row as the API returns it. */
export const Image = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  s3_url: z.string(),
  source: Source,
  caption: z.string().nullable(),
  category: z.string().nullable(),
  created_at: z.string(),
  deleted_at: z.string().nullable(),
  views: z.number().int(),
});
export type Image = z.infer<typeof Image>;

/** GET /images query: newest first, keyset-paginated. */
export const ListImagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListImagesQuery = z.infer<typeof ListImagesQuery>;

/** Popularity inputs of one image, for the traffic generator. */
export interface Engagement {
  id: string;
  userId: string;
  views: number;
  comments: number;
  flags: number;
}
