import { fromPgError } from "@gg/core/db";
import { AppError, type Code, isAppError } from "@gg/core/errors";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { Logger } from "./logger";

const statusOf: Record<Code, ContentfulStatusCode> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** One item of FastAPI's validation error list, which clients of the original parse. */
export interface FastApiIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

// A message or a location may quote what the client sent (an unknown key, a bad value): clipped,
// so a refusal never echoes a large body back.
const CLIP = 1_000;
const clip = (s: string) => (s.length > CLIP ? `${s.slice(0, CLIP)}…` : s);

/** Zod issues in FastAPI's `{"detail": [...]}` shape, located in `body`, `query` or `path`. */
export function toFastApiIssues(where: string, error: z.ZodError): FastApiIssue[] {
  return error.issues.map((issue) => ({
    loc: [where, ...issue.path.map((p) => (typeof p === "number" ? p : clip(String(p))))],
    msg: clip(issue.message),
    type:
      issue.code === "invalid_type" && /received undefined/.test(issue.message)
        ? "missing"
        : issue.code,
  }));
}

/** The one place errors become responses: the contract's JSON shapes, never a plain-text 500. */
export function errorHandler(log: Logger) {
  const handle = (err: Error, c: Context): Response => {
    if (isAppError(err)) {
      if (err.code === "INVALID_INPUT") {
        // Field-level problems use FastAPI's 422 list; request-level ones (a flag with no
        // target) are a 400 with a message, as the original answered them.
        if (!err.loc) return c.json({ detail: clip(err.message) }, 400);
        const loc = err.loc.map((p) => (typeof p === "number" ? p : clip(p)));
        return c.json({ detail: [{ loc, msg: clip(err.message), type: "value_error" }] }, 422);
      }
      if (err.code === "UNAVAILABLE") {
        log.error("dependency unavailable", { dependency: err.dependency, error: err.message });
        c.header("Retry-After", "1");
        return c.json({ detail: `${err.dependency ?? "a dependency"} is unavailable` }, 503);
      }
      if (err.code === "INTERNAL") return internal(log, err, c);
      return c.json({ detail: err.message }, statusOf[err.code]);
    }
    if (err instanceof HTTPException) {
      if (err.status === 400 && /JSON/i.test(err.message)) {
        return c.json(
          { detail: [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }] },
          422,
        );
      }
      if (err.status === 413) return c.json({ detail: "Request body too large" }, 413);
      return c.json(
        { detail: err.message || "Request failed" },
        err.status as ContentfulStatusCode,
      );
    }
    // A store that queries its pool directly (the control plane's) throws pg's own errors: an
    // exhausted or unreachable database is a 503 with Retry-After, as the contract documents.
    const pg = fromPgError(err);
    if (pg.code === "UNAVAILABLE") return handle(pg, c);
    return internal(log, err, c);
  };
  return handle;
}

function internal(log: Logger, err: Error, c: Context) {
  log.error("unhandled error", {
    error: err.message,
    stack: err.stack,
    cause: String(err.cause ?? ""),
  });
  return c.json({ detail: "Internal Server Error" }, 500);
}

/** Throw from a handler to answer with one of the closed codes. */
export const fail = (code: Code, message: string, loc?: (string | number)[]) =>
  new AppError(code, message, loc ? { loc } : {});
