import { columns } from "../sql/index";

export const COLUMNS = columns(
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

export const selectUserById = `SELECT ${COLUMNS} FROM users WHERE id = $1`;
export const userExists = "SELECT 1 FROM users WHERE id = $1";
