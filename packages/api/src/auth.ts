import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { fail } from "./errors";

/** When a key is configured, writes must present it (`x-api-key` or `Authorization: Bearer`). */
export function requireApiKey(apiKey: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (
      !apiKey ||
      c.req.method === "GET" ||
      c.req.method === "HEAD" ||
      c.req.method === "OPTIONS"
    ) {
      return next();
    }
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
