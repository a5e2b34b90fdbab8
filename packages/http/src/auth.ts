import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { fail } from "./errors";

/**
 * When a key is configured, writes (and reads too with `reads: true`) must present it
 * (`x-api-key` or `Authorization: Bearer`).
 */
export function requireApiKey(
  apiKey: string | undefined,
  options: { reads?: boolean } = {},
): MiddlewareHandler {
  return async (c, next) => {
    const read = c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS";
    if (!apiKey || (read && !options.reads)) return next();
    const bearer = c.req.header("authorization")?.replace(/^Bearer\s+/i, "");
    const given = c.req.header("x-api-key") ?? bearer ?? "";
    if (!safeEqual(given, apiKey)) throw fail("UNAUTHORIZED", "Missing or invalid API key");
    return next();
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
