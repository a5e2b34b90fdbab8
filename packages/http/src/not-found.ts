import type { Hono, NotFoundHandler } from "hono";

interface PathMethods {
  pattern: RegExp;
  methods: Set<string>;
}

// Hono's path syntax as our routes use it: `:name` is one segment, `*` anything after.
const toRegExp = (path: string) =>
  new RegExp(
    `^${path
      .split(/(:[A-Za-z0-9_]+|\*)/)
      .map((part) =>
        part === "*"
          ? ".*"
          : part.startsWith(":")
            ? "[^/]+"
            : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("")}$`,
  );

function pathMethods(app: Pick<Hono, "routes">): PathMethods[] {
  const byPath = new Map<string, Set<string>>();
  // Middleware (`use`) is registered for ALL methods on its pattern: it serves no path by itself.
  for (const r of app.routes.filter((r) => r.method !== "ALL")) {
    const methods = byPath.get(r.path) ?? new Set<string>();
    methods.add(r.method);
    // Hono answers HEAD from the GET route, so a GET path allows it too (as Starlette says).
    if (r.method === "GET") methods.add("HEAD");
    byPath.set(r.path, methods);
  }
  return [...byPath].map(([path, methods]) => ({ pattern: toRegExp(path), methods }));
}

/**
 * The app's answer when no route matched: on a path that some route serves, 405 with `Allow`
 * listing that path's methods (what FastAPI and the original answered, and RFC 9110 asks);
 * elsewhere 404. Both in the contract's `{"detail": ...}` shape. The route table is read on first
 * use, when every route is registered.
 */
export function notFoundOrNotAllowed(app: Pick<Hono, "routes">): NotFoundHandler {
  let table: PathMethods[] | undefined;
  return (c) => {
    table ??= pathMethods(app);
    // `strict: false` apps serve `/users/` as `/users`.
    const path = c.req.path.length > 1 ? c.req.path.replace(/\/$/, "") : c.req.path;
    const allowed = new Set<string>();
    for (const { pattern, methods } of table) {
      if (pattern.test(path)) for (const m of methods) allowed.add(m);
    }
    if (allowed.size === 0) return c.json({ detail: "Not Found" }, 404);
    c.header("Allow", [...allowed].sort().join(", "));
    return c.json({ detail: "Method Not Allowed" }, 405);
  };
}
