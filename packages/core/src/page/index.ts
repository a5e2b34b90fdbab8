import { z } from "zod";
import { invalidInput } from "../errors/index";

/**
 * Keyset pages, newest first: a cursor is the (time, id) of the last row a page returned, so the
 * next page starts strictly after it however many rows arrive meanwhile, and a page costs an index
 * range scan, never an OFFSET over everything before it.
 */

/** `limit` and `cursor` of a list route's query, as `GET /images` takes them. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Where a page continues: after the row with this time (`gg_iso`) and id. */
export interface Keyset {
  at: string;
  id: string;
}

// gg_iso's shape exactly (microseconds, +00:00) and a lowercase uuid: what the API writes.
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cursor of the row a page ended with. */
export function encodeCursor(last: Keyset): string {
  return Buffer.from(`${last.at}|${last.id}`).toString("base64url");
}

/**
 * The keyset a cursor carries; INVALID_INPUT (422, at `loc`) for any string the API did not
 * write: it must decode to exactly what `encodeCursor` gives for a real time and id.
 */
export function decodeCursor(
  cursor: string,
  loc: (string | number)[] = ["query", "cursor"],
): Keyset {
  const text = Buffer.from(cursor, "base64url").toString();
  const [at = "", id = "", ...rest] = text.split("|");
  const valid =
    rest.length === 0 &&
    ISO.test(at) &&
    !Number.isNaN(Date.parse(at)) &&
    UUID.test(id) &&
    encodeCursor({ at, id }) === cursor;
  if (!valid) throw invalidInput("cursor is not one this API issued", { loc });
  return { at, id };
}

/** A page of `items` and the cursor of the next one (null on the last page). */
export function pageOf<T>(
  items: T[],
  limit: number,
  keyOf: (item: T) => Keyset,
): { items: T[]; nextCursor: string | null } {
  const last = items.length === limit ? items[items.length - 1] : undefined;
  return { items, nextCursor: last === undefined ? null : encodeCursor(keyOf(last)) };
}
