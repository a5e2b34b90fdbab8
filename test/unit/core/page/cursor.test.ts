import { CURSOR_PATTERN, Cursor, decodeCursor, encodeCursor, pageOf } from "@gg/core/page";
import { createRandom } from "@gg/core/random";
import { describe, expect, it } from "vitest";

const SEED = process.env.TEST_SEED ?? "cursor-2026";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("page cursors", () => {
  it("round-trip a row's time (to the microsecond) and id", () => {
    for (const keyset of [
      { at: "2026-12-06T07:42:17.268967+00:00", id: "3968e3db-06b3-49ef-b441-a5a5b720c3ef" },
      { at: "1970-01-01T00:00:00.000000+00:00", id: "00000000-0000-0000-0000-000000000000" },
      { at: "9999-12-31T23:59:59.999999+00:00", id: "ffffffff-ffff-ffff-ffff-ffffffffffff" },
    ]) {
      const cursor = encodeCursor(keyset);
      expect(cursor).toMatch(CURSOR_PATTERN);
      expect(decodeCursor(cursor)).toEqual(keyset);
    }
  });

  it("read every string of the documented pattern as a position, in gg_iso's shape", () => {
    const random = createRandom(SEED, "cursors");
    for (let n = 0; n < 2_000; n++) {
      const cursor = Array.from({ length: 32 }, () => ALPHABET[random.int(0, 63)]).join("");
      const { at, id } = decodeCursor(cursor);
      expect(at, `seed ${SEED}, ${cursor}`).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/,
      );
      expect(id, `seed ${SEED}, ${cursor}`).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
      expect(Cursor.safeParse(cursor).success).toBe(true);
    }
    // Past year 9999 every row is older: the same page as the latest time.
    expect(decodeCursor("_".repeat(32)).at).toBe("9999-12-31T23:59:59.999999+00:00");
  });

  it("refuse anything else with a 422 located at the query's cursor", () => {
    for (const cursor of [
      "",
      "A".repeat(31),
      "A".repeat(33),
      `${"A".repeat(31)}=`,
      "A".repeat(31) + "+",
    ]) {
      expect(Cursor.safeParse(cursor).success, cursor).toBe(false);
      expect(() => decodeCursor(cursor)).toThrow(
        expect.objectContaining({ code: "INVALID_INPUT", loc: ["query", "cursor"] }),
      );
    }
  });

  it("continue a full page from its last row, and end a short one", () => {
    const rows = [
      { t: "2026-01-02T00:00:00.000002+00:00", id: "00000000-0000-4000-8000-000000000002" },
      { t: "2026-01-02T00:00:00.000001+00:00", id: "00000000-0000-4000-8000-000000000001" },
    ];
    const full = pageOf(rows, 2, (r) => ({ at: r.t, id: r.id }));
    expect(decodeCursor(full.nextCursor ?? "")).toEqual({ at: rows[1]?.t, id: rows[1]?.id });
    expect(pageOf(rows, 3, (r) => ({ at: r.t, id: r.id })).nextCursor).toBeNull();
  });
});
