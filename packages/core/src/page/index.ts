import { z } from "zod";
import { invalidInput } from "../errors/index";

/**
 * Keyset pages, newest first: a cursor is the (time, id) of the last row a page returned, so the
 * next page starts strictly after it however many rows arrive meanwhile, and a page costs an index
 * range scan, never an OFFSET over everything before it.
 */

/**
 * A cursor: 24 bytes in base64url, 32 characters: the row's time in microseconds since 1970 (8
 * bytes, big-endian) and its id (16 bytes). The pattern is the whole rule: every string that
 * matches names a position (the page continues after it), so the document says exactly what the
 * API takes, and a made-up one shows only rows the caller may list anyway.
 */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{32}$/;
export const Cursor = z.string().regex(CURSOR_PATTERN, "cursor is not one this API issues");

/** `limit` and `cursor` of a list route's query, as `GET /images` takes them. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: Cursor.optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Where a page continues: after the row with this time (`gg_iso`) and id. */
export interface Keyset {
  at: string;
  id: string;
}

// gg_iso's shape exactly (microseconds, +00:00): what the database gives the API.
const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{6})\+00:00$/;
// The latest instant a timestamptz column of ours holds in 4-digit years: later cursors mean the
// same page (every row is before them), and gg_iso's shape stays 4-digit.
const MAX_MICROS = BigInt(Date.UTC(9999, 11, 31, 23, 59, 59)) * 1000n + 999_999n;

/** The cursor of the row a page ended with. */
export function encodeCursor(last: Keyset): string {
  const m = ISO.exec(last.at);
  const hex = last.id.replaceAll("-", "");
  if (!m?.[1] || !m[2] || !/^[0-9a-f]{32}$/i.test(hex)) {
    throw new Error(`not a keyset: ${last.at} ${last.id}`);
  }
  const bytes = Buffer.alloc(24);
  bytes.writeBigUInt64BE(BigInt(Date.parse(`${m[1]}Z`)) * 1000n + BigInt(m[2]));
  bytes.write(hex, 8, "hex");
  return bytes.toString("base64url");
}

/** The keyset a cursor names (any string of the pattern, which the route's schema checked). */
export function decodeCursor(cursor: string): Keyset {
  const bytes = Buffer.from(cursor, "base64url");
  if (!CURSOR_PATTERN.test(cursor) || bytes.length !== 24) {
    throw invalidInput("cursor is not one this API issues", { loc: ["query", "cursor"] });
  }
  const micros = bytes.readBigUInt64BE(0);
  const at = micros > MAX_MICROS ? MAX_MICROS : micros;
  const seconds = new Date(Number(at / 1000n)).toISOString().slice(0, 19);
  const hex = bytes.toString("hex", 8);
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { at: `${seconds}.${String(at % 1_000_000n).padStart(6, "0")}+00:00`, id };
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
