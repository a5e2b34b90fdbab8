import { errorHandler, notFoundOrNotAllowed, router } from "@gg/http";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const silent = { info: () => {}, error: () => {} };

// Two routers mounted as the apps mount theirs, a plain route beside them, and middleware on
// every path (which must not make a path "known").
function app() {
  const a = router();
  a.onError(errorHandler(silent));
  a.notFound(notFoundOrNotAllowed(a));
  a.use("*", async (_c, next) => next());
  const users = router()
    .post("/users", (c) => c.json({ created: true }))
    .get("/users/:user_id", (c) => c.json({ id: c.req.param("user_id") }));
  const body = z.object({ name: z.string().optional() });
  const streams = router().openapi(
    {
      method: "post",
      path: "/stream/start",
      request: { body: { content: { "application/json": { schema: body } }, required: true } },
      responses: { 200: { description: "ok" } },
    },
    (c) => c.json(c.req.valid("json"), 200),
  );
  a.route("/", users).route("/", streams);
  a.get("/docs/assets/*", (c) => c.text("asset"));
  return a;
}

describe("notFoundOrNotAllowed", () => {
  it("answers an undeclared method on a known path with 405 and the path's methods in Allow", async () => {
    const a = app();
    for (const [method, path, allow] of [
      ["PATCH", "/users", "POST"],
      ["GET", "/users/", "POST"],
      ["DELETE", "/users/6d7c0b4e-1b2c-4d3e-8f90-a1b2c3d4e5f6", "GET, HEAD"],
      ["PUT", "/stream/start", "POST"],
      ["POST", "/docs/assets/app.js", "GET, HEAD"],
    ] as const) {
      const res = await a.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expect(await res.json()).toEqual({ detail: "Method Not Allowed" });
    }
    // HEAD is served from GET; on a POST-only path it is refused like any other method.
    const head = await a.request("/users", { method: "HEAD" });
    expect([head.status, head.headers.get("allow")]).toEqual([405, "POST"]);
  });

  it("answers a path no route serves with 404, whatever the method", async () => {
    const a = app();
    for (const [method, path] of [
      ["GET", "/nope"],
      ["PATCH", "/users/1/extra"],
      ["POST", "/stream"],
    ] as const) {
      const res = await a.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get("allow")).toBeNull();
      expect(await res.json()).toEqual({ detail: "Not Found" });
    }
  });
});

describe("a required JSON body", () => {
  it("is a located 422 when absent, even where every key is optional", async () => {
    const a = app();
    const res = await a.request("/stream/start", { method: "POST" });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      detail: [{ loc: ["body"], msg: "Field required", type: "missing" }],
    });
    const sent = await a.request("/stream/start", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(sent.status).toBe(200);
  });
});
