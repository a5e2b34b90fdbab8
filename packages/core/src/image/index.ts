import { randomUUID } from "node:crypto";
import { notFound } from "../errors/index";
import { decodeCursor, pageOf } from "../page/index";
import type { Queryable } from "../sql/index";
import * as Sql from "./image.sql";
import type { Engagement, Image } from "./schema";

export { eventCategory } from "./category";
export { type Engagement, Image, ListImagesQuery, Source } from "./schema";
export { detectImageType, type ImageType } from "./sniff";
export { type NewImage, UploadWrite } from "./upload.write";
export { type NewView, ViewWrite } from "./view.write";

/** A fresh image id; the object key is derived from it, never from the client's file name. */
export const newImageId = (): string => randomUUID();

/** The image with this id, or NOT_FOUND. */
export async function get(db: Queryable, id: string): Promise<Image> {
  const { rows } = await db.query<Image>(Sql.selectImage, [id]);
  if (!rows[0]) throw notFound("Image not found");
  return rows[0];
}

/** Newest images first; `nextCursor` continues after the last one. */
export async function list(
  db: Queryable,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: Image[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { rows } = await db.query<Image>(Sql.listImages, [
    query.limit,
    after?.at ?? null,
    after?.id ?? null,
  ]);
  return pageOf(rows, query.limit, (image) => ({ at: image.created_at, id: image.id }));
}

/** Popularity inputs of the oldest `limit` live images (the generator's known state). */
export async function engagement(db: Queryable, limit = 100_000): Promise<Engagement[]> {
  const { rows } = await db.query<Engagement>(Sql.engagement, [limit]);
  return rows;
}
