import type { MiddlewareHandler } from "hono";

// Everything the pages load is ours and same-origin: scripts and styles from their packs, data
// from the control API. Swagger UI draws its icons from data: URIs; uPlot and Swagger UI set
// element styles from script, which CSP allows without 'unsafe-inline'.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The headers of the HTML pages and their files (`/dashboard`, `/docs`): a CSP that loads only
 * this origin and forbids framing (clickjacking the dashboard's Stop buttons), and its legacy
 * twin for browsers without `frame-ancestors`.
 */
export function pageHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("content-security-policy", CSP);
    c.res.headers.set("x-frame-options", "DENY");
    c.res.headers.set("referrer-policy", "no-referrer");
  };
}
