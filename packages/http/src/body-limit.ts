import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { fail } from "./errors";

/** The largest JSON body a route takes: far above any valid request, far below what hurts. */
export const JSON_BODY_MAX_BYTES = 64 * 1024;

/**
 * Refuses a body above `maxBytes` with 413 before any handler reads it: at once by its
 * Content-Length, or by counting a chunked body as it streams in (hono's `bodyLimit`). Multipart
 * bodies pass through: the upload route, the only one that reads them, sets its own limit from
 * `UPLOAD_MAX_BYTES`, and a JSON route never reads a multipart body.
 */
export function jsonBodyLimit(maxBytes = JSON_BODY_MAX_BYTES): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw fail("TOO_LARGE", `Request body is larger than ${maxBytes} bytes`);
    },
  });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    if (/^multipart\/form-data\b/i.test(c.req.header("content-type") ?? "")) return next();
    // A declared length is judged from the header alone, as hono's limit judges it: that one reads
    // `c.req.raw.body` first, which makes @hono/node-server build a whole web Request (a stream,
    // an AbortSignal) for every request, about as much CPU as the rest of a small write.
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (Number(length) > maxBytes) {
        throw fail("TOO_LARGE", `Request body is larger than ${maxBytes} bytes`);
      }
      return next();
    }
    return limit(c, next);
  };
}
