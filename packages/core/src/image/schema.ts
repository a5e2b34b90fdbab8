import { z } from "zod";
import { PageQuery } from "../page/index";

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

/** GET /images query: newest first, keyset-paginated as every list route is. */
export const ListImagesQuery = PageQuery;
export type ListImagesQuery = z.infer<typeof ListImagesQuery>;

/** Popularity inputs of one image, for the traffic generator. */
export interface Engagement {
  id: string;
  userId: string;
  views: number;
  comments: number;
  flags: number;
}
