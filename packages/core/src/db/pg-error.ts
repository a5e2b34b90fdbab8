import { AppError, type Code, isAppError } from "../errors/index";

/** The fields of a Postgres error worth keeping on a translated error. */
export interface PgDetails {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
  column?: string;
}

// SQLSTATE → our code. Classes 08 (connection exception) and 57P0x (server shutting down or
// starting) are handled by `isUnavailable`, since they are families rather than single codes.
const bySqlState: Record<string, Code> = {
  "23505": "CONFLICT", // unique_violation
  "23503": "NOT_FOUND", // foreign_key_violation: the referenced row does not exist
  "23514": "INVALID_INPUT", // check_violation
  "23502": "INVALID_INPUT", // not_null_violation
  "22001": "INVALID_INPUT", // string_data_right_truncation (varchar(n) too long)
  "22P02": "INVALID_INPUT", // invalid_text_representation (e.g. a malformed uuid)
  "22003": "INVALID_INPUT", // numeric_value_out_of_range
  "22007": "INVALID_INPUT", // invalid_datetime_format
  "22008": "INVALID_INPUT", // datetime_field_overflow
  "22009": "INVALID_INPUT", // invalid_time_zone_displacement_value (an offset beyond ±15:59)
  "22021": "INVALID_INPUT", // character_not_in_repertoire (a NUL in a text field)
  "22P05": "INVALID_INPUT", // untranslatable_character
  "40001": "CONFLICT", // serialization_failure: retrying the transaction may succeed
  "40P01": "CONFLICT", // deadlock_detected: likewise
};

const retriableSqlStates = new Set(["40001", "40P01"]);
const unavailableSqlStates = new Set(["57P01", "57P02", "57P03", "53300", "57014"]);
const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);
// node-postgres reports these without a code.
const unavailableMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /the database system is (starting up|shutting down)/i,
];

/** The SQLSTATE and constraint fields of a pg error (or of the pg error behind an AppError). */
export function pgDetails(e: unknown): PgDetails | undefined {
  const source = isAppError(e) ? e.cause : e;
  if (typeof source !== "object" || source === null) return undefined;
  const s = source as Record<string, unknown>;
  const pick = (k: string) => (typeof s[k] === "string" ? (s[k] as string) : undefined);
  const details: PgDetails = {};
  for (const k of ["code", "constraint", "detail", "table", "column"] as const) {
    const v = pick(k);
    if (v !== undefined) details[k] = v;
  }
  return Object.keys(details).length > 0 ? details : undefined;
}

function isUnavailable(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string") {
    if (networkCodes.has(code) || unavailableSqlStates.has(code) || code.startsWith("08")) {
      return true;
    }
  }
  // Node's happy-eyeballs connect to "localhost" fails with an AggregateError per address.
  const inner = (e as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.some(isUnavailable)) return true;
  const message = (e as { message?: unknown }).message;
  return typeof message === "string" && unavailableMessages.some((re) => re.test(message));
}

/** Translates a node-postgres error into an AppError, keeping the original as `cause`. */
export function fromPgError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (isUnavailable(e)) {
    const reason = e instanceof Error ? e.message || e.name : String(e);
    return new AppError("UNAVAILABLE", `postgres unavailable: ${reason}`, {
      dependency: "postgres",
      retriable: true,
      cause: e,
    });
  }
  const details = pgDetails(e);
  const code = details?.code ? bySqlState[details.code] : undefined;
  if (!code || !details?.code) {
    return new AppError("INTERNAL", e instanceof Error ? e.message : String(e), {
      dependency: "postgres",
      cause: e,
    });
  }
  // For check and not-null violations the detail is "Failing row contains (...)": the whole
  // row, user data included, and no column name. The server message names the column instead.
  const detail = details.detail?.startsWith("Failing row") ? undefined : details.detail;
  const what = [details.constraint, detail ?? (e as Error).message].filter(Boolean).join(": ");
  return new AppError(code, what, {
    dependency: "postgres",
    retriable: retriableSqlStates.has(details.code),
    loc: details.column ? ["body", details.column] : undefined,
    cause: e,
  });
}
