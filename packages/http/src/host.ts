import type { MiddlewareHandler } from "hono";
import { fail } from "./errors";

/** `allowedHosts` entry that accepts every Host (behind a router that already checked it). */
export const ANY_HOST = "*";

// Names that only ever mean this machine: a page on another site cannot make a browser send them
// (DNS rebinding keeps the attacker's own name in Host), so they are safe without a key.
const isLoopback = (host: string) =>
  host === "localhost" ||
  host.endsWith(".localhost") ||
  host === "[::1]" ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/**
 * With no API key, answers only requests addressed to a loopback name or to one of
 * `allowedHosts`: a web page that rebinds its own name to 127.0.0.1 reaches the port, but its
 * requests still carry its name, and are refused (403) before any route runs. With a key, the key
 * is the guard and every Host passes.
 */
export function requireKnownHost(
  apiKey: string | undefined,
  allowedHosts: readonly string[] = [],
): MiddlewareHandler {
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  return async (c, next) => {
    if (apiKey || allowed.has(ANY_HOST)) return next();
    // The URL's host is the Host header under @hono/node-server, the event's under the Lambda
    // adapter, and "localhost" for app.request() in tests.
    const host = new URL(c.req.url).hostname.toLowerCase();
    if (isLoopback(host) || allowed.has(host)) return next();
    throw fail(
      "FORBIDDEN",
      `Host ${host.slice(0, 253)} is not served without an API key: set API_KEY, or name it in ALLOWED_HOSTS`,
    );
  };
}
