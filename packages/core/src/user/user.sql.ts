import { columns } from "../sql/index";

const COLUMNS = columns(
  "users",
  [
    "id",
    "username",
    "tos_version_accepted",
    "country_of_residence",
    "year_of_birth",
    "is_test_account",
  ],
  ["tos_accepted_at", "created_at"],
);

// ON CONFLICT DO NOTHING waits for a concurrent insert of the same name to commit, then yields
// no row; the follow-up SELECT (a new statement, so a new snapshot) sees the winner's row.
export const insertUser = `
  INSERT INTO users (id, username, tos_version_accepted, tos_accepted_at, country_of_residence,
                     year_of_birth, is_test_account)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (username) DO NOTHING
  RETURNING ${COLUMNS}`;

export const selectUserByName = `SELECT ${COLUMNS} FROM users WHERE username = $1`;
export const selectUserById = `SELECT ${COLUMNS} FROM users WHERE id = $1`;
export const userExists = "SELECT 1 FROM users WHERE id = $1";
export const listUsers = `SELECT ${COLUMNS} FROM users ORDER BY created_at, id LIMIT $1`;
