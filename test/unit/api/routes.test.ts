import { type ApiDeps, createApp } from "@gg/api";
import type { Pool } from "@gg/core/db";
import { AppError, conflict, notFound, unavailable } from "@gg/core/errors";
import type { Relay } from "@gg/core/outbox";
import type { ObjectStore } from "@gg/core/storage";
import type { WriteRequest, WriteResult, Writer } from "@gg/core/write";
import { describe, expect, it } from "vitest";

// The API's routes and its error mapping, in process: `app.request()` against fake dependencies
// (writers, a pool, a relay). What the real database and Kafka do with the writes is proven by the
// integration tests under test/integration/api; these pin what the HTTP edge itself decides.

const NOW = new Date("2026-11-23T10:00:00.000Z");
const USER = "0f8fad5b-d9cb-469f-a165-70867728950e";
const IMAGE = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

/** A writer that records what it was handed and answers what the test says. */
function fakeWriter<I>(answer: (req: WriteRequest<I>) => WriteResult | Error) {
  const seen: WriteRequest<I>[] = [];
  const writer: Writer<I> = {
    async submit(req) {
      seen.push(req);
      const a = answer(req);
      if (a instanceof Error) throw a;
      return a;
    },
  };
  return { writer, seen };
}

function harness(
  options: {
    apiKey?: string;
    write?: (req: WriteRequest<unknown>) => WriteResult | Error;
    query?: (text: string, values: unknown[]) => { rows: unknown[] } | Error;
  } = {},
) {
  const write = options.write ?? ((req) => ({ body: JSON.stringify(req.input), replayed: false }));
  const writers = {
    users: fakeWriter(write),
    uploads: fakeWriter(write),
    comments: fakeWriter(write),
    flags: fakeWriter(write),
    views: fakeWriter(write),
  };
  const errors: { message: string; fields?: Record<string, unknown> }[] = [];
  let flushes = 0;
  const pool = {
    async query(text: string | { text: string }, values: unknown[] = []) {
      const r = options.query?.(typeof text === "string" ? text : text.text, values) ?? {
        rows: [],
      };
      if (r instanceof Error) throw r;
      return { ...r, rowCount: r.rows.length };
    },
  } as unknown as Pool;
  const relay = {
    async flush() {
      flushes++;
      return { sent: 0 };
    },
  } as unknown as Relay;
  const deps: ApiDeps = {
    config: {
      uploadMaxBytes: 1024,
      apiKey: options.apiKey,
      flush: "await",
      relayPeriodSeconds: 60,
      presignSeconds: 900,
    },
    pool,
    store: {} as ObjectStore,
    relay,
    writes: {
      users: writers.users.writer,
      uploads: writers.uploads.writer,
      comments: writers.comments.writer,
      flags: writers.flags.writer,
      views: writers.views.writer,
    },
    now: () => NOW,
    probes: [],
    log: { info: () => {}, error: (message, fields) => errors.push({ message, fields }) },
  } as ApiDeps;
  const app = createApp(deps);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://localhost${path}`, { headers });
  return { app, post, get, writers, errors, flushes: () => flushes };
}

describe("API routes with fake dependencies", () => {
  it("POST /users hands the parsed body to the users writer, answers its body as is, then flushes", async () => {
    const h = harness({ write: () => ({ body: '{"id":"from-the-database"}', replayed: false }) });
    const res = await h.post("/users", { username: "  ada  " });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"id":"from-the-database"}');
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("Idempotent-Replayed")).toBeNull();
    const [req] = h.writers.users.seen;
    // Trimmed and defaulted by the schema; stamped with the injected clock; no key, no event time.
    expect(req?.input).toMatchObject({ username: "ada", tos_version_accepted: 1 });
    expect(req?.at).toEqual(NOW);
    expect(req?.idempotency).toBeUndefined();
    expect(req?.eventTime).toBeUndefined();
    expect(h.flushes()).toBe(1);
  });

  it("passes Idempotency-Key with the route's scope and marks a replay", async () => {
    const h = harness({ write: () => ({ body: "{}", replayed: true }) });
    const body = { image_id: IMAGE, user_id: USER, content: "tasty" };
    const res = await h.post("/comments/", body, { "idempotency-key": "k-1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Idempotent-Replayed")).toBe("true");
    const idem = h.writers.comments.seen[0]?.idempotency;
    expect(idem).toMatchObject({ scope: "POST /comments", key: "k-1" });
    expect(idem?.requestHash).toMatch(/\S/);
    // The same body hashes the same: a retry is recognised.
    await h.post("/comments", body, { "idempotency-key": "k-1" });
    expect(h.writers.comments.seen[1]?.idempotency?.requestHash).toBe(idem?.requestHash);
  });

  it("refuses a bad Idempotency-Key or event time before any write, located in its header", async () => {
    const h = harness();
    const body = { user_id: USER, reason: "spam", image_id: IMAGE };
    const long = await h.post("/flags", body, { "idempotency-key": "k".repeat(256) });
    expect(long.status).toBe(422);
    expect(await long.json()).toMatchObject({
      detail: [{ loc: ["header", "idempotency-key"], type: "value_error" }],
    });
    const time = await h.post("/flags", body, { "x-gg-event-time": "yesterday" });
    expect(time.status).toBe(422);
    expect(((await time.json()) as { detail: { loc: string[] }[] }).detail[0]?.loc[0]).toBe(
      "header",
    );
    expect(h.writers.flags.seen).toEqual([]);
    expect(h.flushes()).toBe(0);
  });

  it("answers schema and JSON errors in FastAPI's 422 shape, writing nothing", async () => {
    const h = harness();
    const missing = await h.post("/users", { tos_version_accepted: 1 });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({
      detail: [{ loc: ["body", "username"], type: "missing" }],
    });
    const broken = await h.post("/users", "{not json");
    expect(broken.status).toBe(422);
    expect(await broken.json()).toEqual({
      detail: [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }],
    });
    const badId = await h.get("/users/not-a-uuid");
    expect(badId.status).toBe(422);
    expect(
      ((await badId.json()) as { detail: { loc: (string | number)[] }[] }).detail[0]?.loc,
    ).toEqual(["path", "user_id"]);
    expect(h.writers.users.seen).toEqual([]);
  });

  it.each([
    ["NOT_FOUND", notFound("Image not found"), 404, { detail: "Image not found" }],
    ["CONFLICT", conflict("Idempotency-Key reused"), 409, { detail: "Idempotency-Key reused" }],
    [
      "INVALID_INPUT without a location",
      new AppError("INVALID_INPUT", "a flag needs image_id or comment_id"),
      400,
      { detail: "a flag needs image_id or comment_id" },
    ],
    [
      "INVALID_INPUT with a location",
      new AppError("INVALID_INPUT", "too long", { loc: ["body", "reason"] }),
      422,
      { detail: [{ loc: ["body", "reason"], msg: "too long", type: "value_error" }] },
    ],
    [
      "UNAVAILABLE",
      unavailable("postgres", "connect ECONNREFUSED 127.0.0.1:5432"),
      503,
      { detail: "postgres is unavailable" },
    ],
    [
      "INTERNAL",
      new AppError("INTERNAL", "secret detail"),
      500,
      { detail: "Internal Server Error" },
    ],
    ["a plain Error", new Error("secret detail"), 500, { detail: "Internal Server Error" }],
  ] as const)(
    "maps a writer's %s to %i with the contract's body",
    async (_, error, status, body) => {
      const h = harness({ write: () => error });
      const res = await h.post("/flags", { user_id: USER, reason: "spam", image_id: IMAGE });
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual(body);
      // A failed write publishes nothing; an outage asks the client to come back; a 500 leaks
      // nothing to the client and logs what happened.
      expect(h.flushes()).toBe(0);
      expect(res.headers.get("Retry-After")).toBe(status === 503 ? "1" : null);
      expect(h.errors.length > 0).toBe(status >= 500);
    },
  );

  it("GET /users/{id} reads through the pool: a row is 200, none is 404, an outage is 503", async () => {
    const row = { id: USER, username: "ada" };
    let answer: { rows: unknown[] } | Error = { rows: [row] };
    const h = harness({
      query: (_, values) => {
        expect(values).toEqual([USER]);
        return answer;
      },
    });
    const found = await h.get(`/users/${USER}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual(row);
    answer = { rows: [] };
    const missing = await h.get(`/users/${USER}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "User not found" });
    answer = unavailable("postgres", "timeout");
    expect((await h.get(`/users/${USER}`)).status).toBe(503);
  });

  it("with an API key, writes need it and reads do not; unknown paths are the contract's 404", async () => {
    const h = harness({ apiKey: "s3cret" });
    const body = { username: "ada" };
    expect((await h.post("/users", body)).status).toBe(401);
    expect((await h.post("/users", body, { "x-api-key": "wrong" })).status).toBe(401);
    expect((await h.post("/users", body, { "x-api-key": "s3cret" })).status).toBe(200);
    expect((await h.post("/users", body, { authorization: "Bearer s3cret" })).status).toBe(200);
    expect(h.writers.users.seen).toHaveLength(2);
    expect((await h.get(`/users/${USER}`)).status).not.toBe(401);
    const lost = await h.get("/nowhere");
    expect(lost.status).toBe(404);
    expect(await lost.json()).toEqual({ detail: "Not Found" });
  });
});
