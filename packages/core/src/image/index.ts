import { randomUUID } from "node:crypto";
import { invalidInput, notFound } from "../errors/index";
import { normalizeCategory, UNKNOWN } from "../food11/index";
import { Uploads } from "../kafka/gourmetgram-topics";
import * as Outbox from "../outbox/index";
import type { Queryable } from "../sql/index";
import { translate } from "../sql/index";
import * as Sql from "./image.sql";
import type { Engagement, Image } from "./schema";

export { type Engagement, Image, ListImagesQuery, Source } from "./schema";
export { detectImageType, type ImageType } from "./sniff";
export {
  createViewCounter,
  type ViewCounter,
  type ViewCounterOptions,
  type ViewOutcome,
  type ViewRequest,
} from "./view-counter";

export interface NewImage {
  id?: string;
  userId: string;
  s3Url: string;
  caption: string | null;
  category: string | null;
  source?: "user_upload" | "synthetic" | "import";
}

/** A fresh image id; the object key is derived from it, never from the client's file name. */
export const newImageId = (): string => randomUUID();

/** Insert an image row (inside the caller's transaction). */
export async function insert(tx: Queryable, image: NewImage & { id: string }): Promise<Image> {
  try {
    const { rows } = await tx.query<Image>(Sql.insertImage, [
      image.id,
      image.userId,
      image.s3Url,
      image.source ?? "user_upload",
      image.caption,
      image.category,
    ]);
    return rows[0] as Image;
  } catch (e) {
    throw translate(e, { images_user_id_fkey: "User not found" });
  }
}

/** The image with this id, or NOT_FOUND. */
export async function get(db: Queryable, id: string): Promise<Image> {
  const { rows } = await db.query<Image>(Sql.selectImage, [id]);
  if (!rows[0]) throw notFound("Image not found");
  return rows[0];
}

/** Insert an image row and its `upload` event in the caller's transaction. */
export async function create(tx: Queryable, image: NewImage & { id: string }): Promise<Image> {
  const row = await insert(tx, image);
  await Outbox.enqueue(tx, Uploads, {
    event_type: "upload",
    event_id: Outbox.newEventId(),
    image_id: row.id,
    user_id: row.user_id,
    category: eventCategory(row.category),
    caption: row.caption,
    created_at: row.created_at,
    s3_url: row.s3_url,
  });
  return row;
}

/** Newest images first; `nextCursor` continues after the last one. */
export async function list(
  db: Queryable,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: Image[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { rows } = await db.query<Image>(Sql.listImages, [
    query.limit,
    after?.createdAt ?? null,
    after?.id ?? null,
  ]);
  const last = rows.length === query.limit ? rows[rows.length - 1] : undefined;
  return { items: rows, nextCursor: last ? encodeCursor(last.created_at, last.id) : null };
}

/** Popularity inputs of the oldest `limit` live images (the generator's known state). */
export async function engagement(db: Queryable, limit = 100_000): Promise<Engagement[]> {
  const { rows } = await db.query<Engagement>(Sql.engagement, [limit]);
  return rows;
}

/** The category an event carries: never null, since the stream consumer needs a string. */
export const eventCategory = (category: string | null) =>
  (category ? normalizeCategory(category) : undefined) ?? UNKNOWN;

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw invalidInput("cursor is not one this API issued", { loc: ["query", "cursor"] });
  }
  return { createdAt, id };
}
