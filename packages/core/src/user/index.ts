import { notFound } from "../errors/index";
import type { Queryable } from "../sql/index";
import type { User } from "./schema";
import * as Sql from "./user.sql";

export { CreateUser, User } from "./schema";
export { UserWrite } from "./user.write";

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
