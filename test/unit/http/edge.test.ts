import {
  errorHandler,
  JSON_BODY_MAX_BYTES,
  jsonBodyLimit,
  pageHeaders,
  requireKnownHost,
  router,
} from "@gg/http";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// The apps' own kind of router (an OpenAPIHono): the root package depends on no hono itself.
type App = ReturnType<typeof router>;

const silent = { info: () => {}, error: () => {} };
const ok = (app: App) => app.all("*", (c) => c.json({ ok: true }));

describe("requireKnownHost", () => {
  const app = (key: string | undefined, hosts?: string[]) => {
    const a = router();
    a.onError(errorHandler(silent));
    a.use("*", requireKnownHost(key, hosts));
    return ok(a);
  };
  const status = async (a: { request: App["request"] }, url: string) =>
    (await a.request(url)).status;

  it("without a key, serves loopback names only", async () => {
    const open = app(undefined);
    for (const url of [
      "http://localhost:8000/health",
      "http://LOCALHOST/x",
      "http://api.localhost/x",
      "http://127.0.0.1:8000/x",
      "http://127.8.9.10/x",
      "http://[::1]:8000/x",
    ]) {
      expect(await status(open, url), url).toBe(200);
    }
    for (const url of [
      "http://evil.example:8000/stream/start", // a rebinding page keeps its own name
      "http://0.0.0.0:8000/x",
      "http://192.168.1.20:8000/x",
      "http://localhost.evil.example/x",
      "http://127.0.0.1.evil.example/x",
    ]) {
      expect(await status(open, url), url).toBe(403);
    }
    const res = await open.request("http://evil.example/x");
    expect(await res.json()).toEqual({
      detail:
        "Host evil.example is not served without an API key: set API_KEY, or name it in ALLOWED_HOSTS",
    });
  });

  it("serves the names it is told, any with *, and every Host once a key guards it", async () => {
    expect(await status(app(undefined, ["Box.lan"]), "http://box.lan/x")).toBe(200);
    expect(await status(app(undefined, ["box.lan"]), "http://other.lan/x")).toBe(403);
    expect(await status(app(undefined, ["*"]), "http://anything.example/x")).toBe(200);
    expect(await status(app("k"), "http://abc.lambda-url.us-east-1.on.aws/x")).toBe(200);
  });
});

describe("jsonBodyLimit", () => {
  const app = () => {
    const a = router();
    a.onError(errorHandler(silent));
    a.use("*", jsonBodyLimit());
    return a.post("*", async (c) => c.json({ read: (await c.req.arrayBuffer()).byteLength }));
  };

  it("lets a body up to the limit through, and answers one byte more with a 413", async () => {
    const at = await app().request("/x", { method: "POST", body: "x".repeat(JSON_BODY_MAX_BYTES) });
    expect(await at.json()).toEqual({ read: JSON_BODY_MAX_BYTES });
    const over = await app().request("/x", {
      method: "POST",
      body: "x".repeat(JSON_BODY_MAX_BYTES + 1),
    });
    expect(over.status).toBe(413);
  });

  it("judges a declared Content-Length from the header, and counts a body sent without one", async () => {
    const declared = (n: number) =>
      app().request("/x", {
        method: "POST",
        headers: { "content-length": String(n) },
        body: "x".repeat(Math.min(n, 10)),
      });
    expect((await declared(JSON_BODY_MAX_BYTES + 1)).status).toBe(413);
    expect((await declared(10)).status).toBe(200);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("x".repeat(JSON_BODY_MAX_BYTES + 1)));
        c.close();
      },
    });
    const streamed = await app().request("/x", {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("leaves multipart bodies to the route that reads them (uploads have their own limit)", async () => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(JSON_BODY_MAX_BYTES * 2)], "a.jpg"));
    const res = await app().request("/upload", { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect((await res.json()).read).toBeGreaterThan(JSON_BODY_MAX_BYTES * 2);
  });
});

describe("errors never echo a large input back", () => {
  it("clips messages and locations that quote the request", async () => {
    const key = "k".repeat(5_000);
    const a = router();
    a.onError(errorHandler(silent));
    a.openapi(
      {
        method: "post",
        path: "/x",
        request: {
          body: {
            content: { "application/json": { schema: z.strictObject({ a: z.string() }) } },
          },
        },
        responses: { 200: { description: "ok" } },
      },
      (c) => c.json({}, 200),
    );
    const res = await a.request("/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ a: "x", [key]: 1 }),
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text.length).toBeLessThan(2_500);
    expect(text).toContain("kkkk…");
  });
});

describe("pageHeaders", () => {
  it("sends a CSP that loads only this origin and forbids framing", async () => {
    const a = router();
    a.use("*", pageHeaders());
    const res = await ok(a).request("/dashboard");
    expect(res.headers.get("content-security-policy")).toMatch(
      /^default-src 'self';.*frame-ancestors 'none'$/,
    );
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("errorHandler", () => {
  it("answers pg's own unavailable errors 503 with Retry-After, and anything else 500", async () => {
    const errors: string[] = [];
    const a = router();
    a.onError(errorHandler({ info: () => {}, error: (message) => errors.push(message) }));
    // What pg-pool throws when no connection frees up in time, to a store that queries its pool.
    a.get("/pool", () => {
      throw new Error("timeout exceeded when trying to connect");
    });
    a.get("/bug", () => {
      throw new TypeError("x is undefined");
    });
    const pool = await a.request("/pool");
    expect(pool.status).toBe(503);
    expect(pool.headers.get("retry-after")).toBe("1");
    expect(await pool.json()).toEqual({ detail: "postgres is unavailable" });
    const bug = await a.request("/bug");
    expect(bug.status).toBe(500);
    expect(errors).toEqual(["dependency unavailable", "unhandled error"]);
  });
});
