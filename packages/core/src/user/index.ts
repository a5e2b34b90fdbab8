import { randomUUID } from "node:crypto";
import { notFound } from "../errors/index";
import type { Queryable } from "../sql/index";
import type { CreateUser, User } from "./schema";
import * as Sql from "./user.sql";

export { CreateUser, User } from "./schema";

/**
 * Create a user, or return the existing row when the username is taken (the original API's
 * behaviour). Safe under concurrency: every caller of one name gets the same row.
 */
export async function create(
  db: Queryable,
  input: CreateUser,
): Promise<{ user: User; created: boolean }> {
  const inserted = await db.query<User>(Sql.insertUser, [
    randomUUID(),
    input.username,
    input.tos_version_accepted,
    input.tos_accepted_at ?? null,
    input.country_of_residence ?? null,
    input.year_of_birth ?? null,
    input.is_test_account,
  ]);
  if (inserted.rows[0]) return { user: inserted.rows[0], created: true };
  const existing = await db.query<User>(Sql.selectUserByName, [input.username]);
  if (!existing.rows[0]) throw new Error(`username ${input.username} conflicted but is not there`);
  return { user: existing.rows[0], created: false };
}

/** The user with this id, or a NOT_FOUND error. */
export async function get(db: Queryable, id: string): Promise<User> {
  const { rows } = await db.query<User>(Sql.selectUserById, [id]);
  if (!rows[0]) throw notFound("User not found");
  return rows[0];
}

/** Fail with NOT_FOUND unless the user exists (checked before anything is stored). */
export async function assertExists(db: Queryable, id: string): Promise<void> {
  const { rowCount } = await db.query(Sql.userExists, [id]);
  if (!rowCount) throw notFound("User not found");
}
