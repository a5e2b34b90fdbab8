import { randomUUID } from "node:crypto";
import { toEventTimestamp } from "../kafka/gourmetgram-topics";
import { translate } from "../sql/index";
import { defineKind } from "../write/index";
import type { CreateUser } from "./schema";
import { COLUMNS } from "./user.sql";

/**
 * A user, or the existing row when the username is taken (the original API's behaviour). DO UPDATE
 * rather than DO NOTHING: it waits for a concurrent insert of the name to commit and then returns
 * that row, which a read in the same statement could not see (its snapshot predates the commit).
 * So every concurrent create of one name answers the same row. Users publish no event.
 */
export const UserWrite = defineKind<CreateUser>({
  name: "user",
  columns: [
    ["id", "uuid"],
    ["username", "text"],
    ["tos_version_accepted", "int"],
    ["tos_accepted_at", "timestamptz"],
    ["country_of_residence", "text"],
    ["year_of_birth", "int"],
    ["is_test_account", "bool"],
    ["created_at", "timestamptz"],
  ],
  render: ({ input, at }) => ({
    values: [
      randomUUID(),
      input.username,
      input.tos_version_accepted,
      input.tos_accepted_at ?? null,
      input.country_of_residence ?? null,
      input.year_of_birth ?? null,
      input.is_test_account,
      toEventTimestamp(at),
    ],
  }),
  checks: [],
  write: `saved AS (
    INSERT INTO users (id, username, tos_version_accepted, tos_accepted_at, country_of_residence,
                       year_of_birth, is_test_account, created_at)
    SELECT id, username, tos_version_accepted, tos_accepted_at, country_of_residence,
           year_of_birth, is_test_account, created_at
      FROM todo ORDER BY ord
    ON CONFLICT (username) DO UPDATE SET username = excluded.username
    RETURNING ${COLUMNS}
  ), answered AS (
    SELECT t.ord, row_to_json(s)::text AS body FROM todo t JOIN saved s ON s.username = t.username
  )`,
  translate: (e) => translate(e, {}),
  // DO UPDATE may not touch one row twice in a statement: one name per write.
  exclusive: (input) => [`username\u0000${input.username}`],
});
