// The control plane's bounds on the real database and LocalStack: running streams per scenario,
// the clickstream worlds' memory, the JSON body limit, and keyset pages of /stream/status and
// /stream/stats with cursors of the documented shape only.
import { JSON_BODY_MAX_BYTES } from "@gg/http";
import { WORLD_BUDGET_BYTES, worldBytes } from "@gg/traffic/clickstream/model";
import { MAX_RUNNING_STREAMS } from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endlessBody } from "../../support/bodies";
import { API_KEY, json, startTestControl, type TestControl } from "./stream-fixture";

let t: TestControl;
beforeAll(async () => {
  t = await startTestControl();
});
afterAll(() => t?.close());

const start = async (body: unknown) => json(await t.call("POST", "/stream/start", body));
const stopAll = async () => {
  for (const s of (await json(await t.call("GET", "/stream/status?limit=100"))).body.streams) {
    if (s.status === "running") await t.call("POST", `/stream/stop/${s.stream_id}`);
  }
};

describe("running streams", () => {
  it(`are at most ${MAX_RUNNING_STREAMS} per scenario: the next start is a 409 saying so`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_RUNNING_STREAMS; i++) {
      const res = await start({ rate: "60/h", seed: i });
      expect(res.status).toBe(200);
      ids.push(res.body.stream_id);
    }
    const refused = await start({ rate: "60/h" });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/too many streams: 8 gourmetgram streams already run/);
    // The bound is per scenario: a clickstream stream still starts.
    expect((await start({ data_type: "users", rate: 1 })).status).toBe(200);
    await t.call("POST", `/stream/stop/${ids[0]}`);
    expect((await start({ rate: "60/h" })).status).toBe(200);
    await stopAll();
  });

  it("hold clickstream worlds within the generator's budget", async () => {
    const big = { users: 500_000, products: 100_000 };
    expect(worldBytes(big)).toBeLessThanOrEqual(WORLD_BUDGET_BYTES);
    expect(2 * worldBytes(big)).toBeGreaterThan(WORLD_BUDGET_BYTES);
    expect((await start({ data_type: "users", rate: 1, settings: big })).status).toBe(200);
    const refused = await start({ data_type: "sessions", rate: 1, settings: big });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(
      /worlds too large: .* settings\.users or settings\.products/,
    );
    // A default-sized world still fits beside it.
    expect((await start({ data_type: "sessions", rate: 1 })).status).toBe(200);
    await stopAll();
  });
});

describe("request bodies", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    t.app.request("/stream/start", {
      method: "POST",
      headers: { "x-api-key": API_KEY, "content-type": "application/json", ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);

  it("above the limit are a 413 by Content-Length, before anything reads them", async () => {
    const res = await post(JSON.stringify({ rate: "60/h", seed: "x".repeat(JSON_BODY_MAX_BYTES) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      detail: `Request body is larger than ${JSON_BODY_MAX_BYTES} bytes`,
    });
  });

  it("above the limit are a 413 when chunked too, counted as they stream in", async () => {
    // A body that never ends: only counting it as it arrives can refuse it.
    const endless = endlessBody();
    const res = await post(endless.stream);
    expect(res.status).toBe(413);
    expect(endless.sent()).toBeLessThan(JSON_BODY_MAX_BYTES + 4 * endless.chunkBytes);
  });

  it("under the limit are read as before, padding and all", async () => {
    const body = `${" ".repeat(JSON_BODY_MAX_BYTES - 100)}{"rate":"60/h"}`;
    const res = await json(await post(body));
    expect(res.status).toBe(200);
    await t.call("POST", `/stream/stop/${res.body.stream_id}`);
  });
});

describe("pages of streams", () => {
  const page = async (path: string) => {
    const res = await json(await t.call("GET", path));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const walk = async (route: string, limit: number) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const body = await page(`${route}?limit=${limit}${q}`);
      expect(body.streams.length).toBeLessThanOrEqual(limit);
      ids.push(...body.streams.map((s: { stream_id: string }) => s.stream_id));
      cursor = body.next_cursor;
    } while (cursor);
    return ids;
  };

  it("walk every stream once, newest first, in status and stats alike", async () => {
    // Started within one transaction's now() or not: ties on started_at are broken by id.
    const all = (await page("/stream/status?limit=100")).streams;
    expect(all.length).toBeGreaterThan(12);
    const newestFirst = [...all].sort(
      (a, b) => b.started_at.localeCompare(a.started_at) || b.stream_id.localeCompare(a.stream_id),
    );
    expect(all.map((s: { stream_id: string }) => s.stream_id)).toEqual(
      newestFirst.map((s) => s.stream_id),
    );
    const byStatus = await walk("/stream/status", 3);
    expect(byStatus).toEqual(newestFirst.map((s) => s.stream_id));
    expect(await walk("/stream/stats", 5)).toEqual(byStatus);
    const first = await page("/stream/status");
    expect(first.streams).toHaveLength(Math.min(20, all.length));
    expect(first.running_streams).toBe(0);
  });

  it("refuse a cursor not of the documented shape, and a limit out of range, with a 422", async () => {
    const { next_cursor } = await page("/stream/status?limit=1");
    expect(next_cursor).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const forged = [
      "not-a-cursor",
      Buffer.from("2026-01-01|x").toString("base64url"),
      Buffer.from("2026-01-01T00:00:00.000000+00:00|x").toString("base64url"),
      next_cursor.slice(1),
      `${next_cursor}=`,
      `${next_cursor.slice(1)}+`,
    ];
    for (const route of ["/stream/status", "/stream/stats"]) {
      for (const cursor of forged) {
        const res = await json(
          await t.call("GET", `${route}?cursor=${encodeURIComponent(cursor)}`),
        );
        expect(res.status, `${route} ${cursor}`).toBe(422);
        expect(res.body.detail[0]).toMatchObject({ loc: ["query", "cursor"] });
      }
      // Any string of the shape is a position: the page after it (here, from the newest: a time
      // past every row), never a refusal.
      const latest = await page(`${route}?limit=1&cursor=${"_".repeat(32)}`);
      expect(latest.streams).toHaveLength(1);
      for (const limit of ["0", "101", "x"]) {
        expect((await t.call("GET", `${route}?limit=${limit}`)).status).toBe(422);
      }
    }
  });
});
