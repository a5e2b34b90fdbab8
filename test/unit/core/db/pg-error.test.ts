import { fromPgError, pgDetails } from "@gg/core/db";
import { AppError } from "@gg/core/errors";
import { describe, expect, it } from "vitest";

// Shaped like node-postgres' DatabaseError: a message plus the server's fields.
const pgError = (code: string, fields: Record<string, string> = {}) =>
  Object.assign(new Error(`pg says ${code}`), { code, ...fields });

describe("fromPgError", () => {
  it.each([
    ["23505", "CONFLICT", false],
    ["23503", "NOT_FOUND", false],
    ["23514", "INVALID_INPUT", false],
    ["23502", "INVALID_INPUT", false],
    ["22001", "INVALID_INPUT", false],
    ["22P02", "INVALID_INPUT", false],
    ["40001", "CONFLICT", true],
    ["57P01", "UNAVAILABLE", true],
    ["08006", "UNAVAILABLE", true],
    ["08001", "UNAVAILABLE", true],
    ["42P01", "INTERNAL", false],
  ])("maps SQLSTATE %s to %s (retriable %s)", (sqlstate, code, retriable) => {
    const e = fromPgError(pgError(sqlstate));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe(code);
    expect(e.retriable).toBe(retriable);
    expect(e.dependency).toBe("postgres");
  });

  it("keeps the constraint and detail in the message and on the cause", () => {
    const raw = pgError("23505", {
      constraint: "users_username_key",
      detail: "Key (username)=(ana) already exists.",
      table: "users",
    });
    const e = fromPgError(raw);
    expect(e.message).toBe("users_username_key: Key (username)=(ana) already exists.");
    expect(e.cause).toBe(raw);
    expect(pgDetails(e)).toEqual({
      code: "23505",
      constraint: "users_username_key",
      detail: "Key (username)=(ana) already exists.",
      table: "users",
    });
  });

  it("points INVALID_INPUT at the column when Postgres names one", () => {
    expect(fromPgError(pgError("23502", { column: "username" })).loc).toEqual(["body", "username"]);
  });

  it.each([
    [
      "ECONNREFUSED",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    ],
    [
      "an AggregateError",
      new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], ""),
    ],
    ["a terminated connection", new Error("Connection terminated unexpectedly")],
    ["a pool timeout", new Error("timeout exceeded when trying to connect")],
  ])("treats %s as UNAVAILABLE, retriable", (_, raw) => {
    const e = fromPgError(raw);
    expect([e.code, e.retriable, e.dependency]).toEqual(["UNAVAILABLE", true, "postgres"]);
  });

  it("passes an AppError through and wraps unknown errors as INTERNAL", () => {
    const app = new AppError("NOT_FOUND", "no image");
    expect(fromPgError(app)).toBe(app);
    expect(fromPgError(new TypeError("bug")).code).toBe("INTERNAL");
    expect(fromPgError("string thrown").code).toBe("INTERNAL");
  });
});
