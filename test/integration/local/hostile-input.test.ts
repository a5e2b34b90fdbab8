// Hostile input against `pnpm start` (the API and the control plane on one port, on the real
// Postgres, Kafka and LocalStack), with no API key, as a new user runs it. Every attack of
// issue #20 is tried as an attacker would send it, timed, with the server's RSS before and after,
// /health polled all along, and an honest client writing beside it whose every success must land.
// About 20 s of wall time: pnpm start's boot, then ~470 requests of which half carry 6 MB.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { deleteTopics } from "@gg/core/kafka";
import { JSON_BODY_MAX_BYTES } from "@gg/http";
import { FirehoseOptions } from "@gg/traffic/firehose";
import { DEFAULT_RATE_CEILINGS } from "@gg/traffic/scenarios";
import { StartStream, validateStart } from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endlessBody } from "../../support/bodies";
import { type FreshDatabase, suffix, testKafka } from "../../support/fixtures";
import { jpeg } from "../../support/images";
import { type FreshLocal, type LocalStart, startLocalFresh } from "../../support/local-start";
import { hostileBodies } from "./hostile-bodies";

/**
 * The bound on answering a hostile request, and on /health meanwhile: the median must
 * keep it. Every single answer must keep LOADED_MS, for this 2-core machine runs the suite's other
 * files beside this one: still far below the seconds one superlinear step takes on these inputs
 * (the old rate pattern took ~3 s on 60 KB of spaces), while a scheduling pause is not.
 */
const ANSWER_MS = 50;
const LOADED_MS = 500;
// /health's slowest answer while the hostile bodies stream in: 1.8 s and once 3.1 s were seen with
// the rest of the suite on the same two cores (a scheduling pause: the median stays under 50 ms);
// a server held by one request would keep it for the whole run, over a minute.
const HEALTH_LOADED_MS = 5_000;
let fresh: FreshLocal;
let local: LocalStart;
let db: FreshDatabase;
let firehoseTopic: string;

beforeAll(async () => {
  fresh = await startLocalFresh({ API_KEY: "" });
  ({ local, db } = fresh);
  firehoseTopic = `${fresh.prefix}firehose.users`;
});

afterAll(async () => {
  await fresh?.close();
  await deleteTopics(testKafka(), [firehoseTopic]).catch(() => {});
});

const rssMb = () => {
  const status = readFileSync(`/proc/${local.child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;

/**
 * Sends one request and times it to its answer (headers and body read). Over node:http, not
 * fetch: a server that refuses a 6 MB body answers before the body is sent, then closes the
 * socket; node:http hands that answer over as it arrives, where undici's fetch may report the
 * close ("other side closed") instead, once its event loop is slow enough (a loaded machine).
 */
async function timed(method: string, path: string, body?: string | Blob, headers = {}) {
  const bytes =
    body === undefined ? undefined : Buffer.from(await new Response(body).arrayBuffer());
  const t = performance.now();
  return new Promise<{ status: number; ms: number; text: string }>((resolve, reject) => {
    let answered = false;
    const req = httpRequest(`${local.url}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(bytes ? { "content-length": String(bytes.length) } : {}),
        ...headers,
      },
    });
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const ms = performance.now() - t;
        req.destroy();
        resolve({ status: res.statusCode ?? 0, ms, text: Buffer.concat(chunks).toString() });
      });
      res.on("error", reject);
    });
    // Once the answer is in, the server may reset the rest of the upload: not an error here.
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    req.end(bytes);
  });
}

// Polls /health every 10 ms from its own process, so the test's own work (building and sending
// 6 MB bodies) never delays a poll; prints the latencies (ms, -1 for a failure) when stdin ends.
const POLLER = `
const lat = [];
let stop = false;
process.stdin.on("end", () => { stop = true; }).resume();
(async () => {
  while (!stop) {
    const t = performance.now();
    try { await (await fetch(process.argv[1])).arrayBuffer(); lat.push(performance.now() - t); }
    catch { lat.push(-1); }
    await new Promise((r) => setTimeout(r, 10));
  }
  process.stdout.write(JSON.stringify(lat));
})();`;

/** /health polled (from another process), and an honest client writing, while `attack` runs. */
async function beside<T>(attack: () => Promise<T>) {
  let stop = false;
  const writes = { users: [] as string[], views: 0, failed: 0 };
  const poller = spawn(process.execPath, ["-e", POLLER, `${local.url}/health`]);
  let polled = "";
  poller.stdout.on("data", (d: Buffer) => {
    polled += d.toString();
  });
  const exited = new Promise((r) => poller.once("exit", r));
  const image = await uploadImage();
  const honest = (async () => {
    for (let i = 0; !stop; i++) {
      const name = `honest_${suffix(3)}_${i}`;
      const user = await timed("POST", "/users/", JSON.stringify({ username: name }));
      if (user.status === 200) writes.users.push(name);
      else writes.failed++;
      const view = await timed("POST", `/images/${image}/view`);
      if (view.status === 200) writes.views++;
      else writes.failed++;
      await sleep(20);
    }
  })();
  let result: T;
  try {
    result = await attack();
  } finally {
    stop = true;
    poller.stdin.end();
    await Promise.all([exited, honest]);
  }
  return { result, writes, image, health: healthOf(polled) };
}

/** The latencies the poller printed; a failed poll fails the test. */
function healthOf(printed: string): number[] {
  const lat = JSON.parse(printed) as number[];
  expect(
    lat.filter((ms) => ms < 0),
    "failed /health polls",
  ).toEqual([]);
  return lat;
}

async function uploadImage(): Promise<string> {
  const user = await (
    await fetch(`${local.url}/users/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: `owner_${suffix(4)}` }),
    })
  ).json();
  const form = new FormData();
  form.set("user_id", user.id);
  form.set("file", new File([jpeg()], "photo.jpg"));
  const image = await (await fetch(`${local.url}/upload/`, { method: "POST", body: form })).json();
  return image.id;
}

/** A raw HTTP/1.1 request, for what fetch will not send (another Host). */
const raw = (path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(local.url);
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => {
        body += d.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });

describe("hostile input against pnpm start", () => {
  it("starts from valid requests: each template alone is accepted", () => {
    const templates = new Map(hostileBodies().map((c) => [c.template, c]));
    expect(templates.size).toBe(5);
    for (const c of templates.values()) {
      const body = JSON.parse(c.template);
      if (c.path === "/stream/start") {
        const parsed = StartStream.safeParse(body);
        expect(parsed.error, c.name).toBeUndefined();
        if (parsed.success) validateStart(parsed.data, DEFAULT_RATE_CEILINGS);
      } else if (c.path === "/firehose/start") {
        expect(FirehoseOptions.safeParse(body).error, c.name).toBeUndefined();
      }
    }
  });

  it("answers a 6 MB field in every string position with a 413, and a worst case under the limit with a 422, in < 50 ms, /health < 50 ms meanwhile, losing no honest write", async () => {
    const rssBefore = rssMb();
    const cases = hostileBodies();
    // One 6 MB buffer for every case (a Blob of parts is sent without copying it into a string).
    const huge = Buffer.from(`1${" ".repeat(6 * 1024 * 1024)}x`);
    const slow: string[] = [];
    const answers: number[] = [];
    const { result, health, writes, image } = await beside(async () => {
      let counted = 0;
      for (const c of cases) {
        const [before, after] = c.around;
        // Just under the body limit: parsed, so every pattern and check meets the worst case.
        const under = `1${" ".repeat(JSON_BODY_MAX_BYTES - c.template.length - 200)}x`;
        for (const [size, body, want] of [
          ["6 MB", new Blob([before, huge, after]), [413]],
          ["under the limit", `${before}${under}${after}`, [422]],
        ] as const) {
          // The quickest of three tries: a loaded machine may pause a request, a slow handler
          // is slow every time.
          let best = await timed(c.method, c.path, body);
          for (let retry = 0; retry < 2 && best.ms >= ANSWER_MS; retry++) {
            const again = await timed(c.method, c.path, body);
            if (again.ms < best.ms) best = again;
          }
          expect(want, `${c.name} (${size}): ${best.text.slice(0, 300)}`).toContain(best.status);
          expect(best.text.length, `${c.name} (${size}) echoes the input`).toBeLessThan(5_000);
          answers.push(best.ms);
          if (best.ms >= LOADED_MS) slow.push(`${c.name} (${size}): ${best.ms.toFixed(1)} ms`);
          counted++;
        }
      }
      return counted;
    });
    const rssAfter = rssMb();
    console.log(
      `hostile fields: ${result} requests over ${cases.length} positions; answer p50 ` +
        `${quantile(answers, 0.5).toFixed(1)} ms, p99 ${quantile(answers, 0.99).toFixed(1)} ms, ` +
        `${answers.filter((ms) => ms >= ANSWER_MS).length} at or over ${ANSWER_MS} ms, ` +
        `max ${Math.max(...answers).toFixed(1)} ms; /health during: ${health.length} polls, p50 ` +
        `${quantile(health, 0.5).toFixed(1)} ms, p99 ${quantile(health, 0.99).toFixed(1)} ms, max ` +
        `${Math.max(...health).toFixed(1)} ms; server RSS ${rssBefore.toFixed(0)} MB before, ` +
        `${rssAfter.toFixed(0)} MB after; honest writes: ${writes.users.length} users, ` +
        `${writes.views} views, ${writes.failed} failed`,
    );
    expect(slow).toEqual([]);
    expect(quantile(answers, 0.5)).toBeLessThan(ANSWER_MS);
    expect(quantile(health, 0.5)).toBeLessThan(ANSWER_MS);
    expect(Math.max(...health)).toBeLessThan(HEALTH_LOADED_MS);
    // Nothing was buffered or kept: one 6 MB body kept per position would be 1.4 GB. (The
    // growth seen here, ~45 MB, is the heap warming to the traffic.)
    expect(rssAfter - rssBefore).toBeLessThan(100);
    // Every write the honest client was told succeeded is there, events and all.
    expect(writes.failed).toBe(0);
    const { rows } = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE username = ANY($1)",
      [writes.users],
    );
    expect(rows[0]?.n).toBe(writes.users.length);
    const views = await db.pool.query<{ views: number; events: number }>(
      `SELECT i.views, (SELECT count(*)::int FROM outbox o
                         WHERE o.topic = 'gourmetgram.views' AND o.key = $1::text) AS events
         FROM images i WHERE i.id = $1::uuid`,
      [image],
    );
    expect(views.rows[0]).toEqual({ views: writes.views, events: writes.views });
  });

  it("counts a chunked body as it streams, and refuses it past the limit", async () => {
    const rssBefore = rssMb();
    const endless = endlessBody();
    const t = performance.now();
    const res = await fetch(`${local.url}/stream/start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: endless.stream,
      duplex: "half",
    } as RequestInit);
    const ms = performance.now() - t;
    // `sent` counts what the client handed its socket (loopback buffers hold megabytes), not
    // what the server read: the server's RSS is the bound that matters.
    const rssAfter = rssMb();
    console.log(
      `endless chunked body: ${res.status} in ${ms.toFixed(1)} ms (client sent ${endless.sent()} bytes); ` +
        `server RSS ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after`,
    );
    expect(res.status).toBe(413);
    expect(rssAfter - rssBefore).toBeLessThan(32);
  });

  it("bounds collections and work: bursts, running streams, worlds, firehose runs", async () => {
    const burst = { start: "2026-01-01T00:00:00Z", duration: "1m", multiplier: 2 };
    const bursts = await timed(
      "POST",
      "/stream/start",
      JSON.stringify({ rate: "1/h", profile: { bursts: Array(65).fill(burst) } }),
    );
    expect(bursts.status).toBe(422);
    const started: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await timed("POST", "/stream/start", JSON.stringify({ rate: "1/h" }));
      expect(r.status).toBe(200);
      started.push(JSON.parse(r.text).stream_id);
    }
    const ninth = await timed("POST", "/stream/start", JSON.stringify({ rate: "1/h" }));
    expect(ninth.status).toBe(409);
    const world = { users: 500_000, products: 100_000 };
    const first = await timed(
      "POST",
      "/stream/start",
      JSON.stringify({ data_type: "users", rate: 1, settings: world }),
    );
    expect(first.status).toBe(200);
    started.push(JSON.parse(first.text).stream_id);
    const second = await timed(
      "POST",
      "/stream/start",
      JSON.stringify({ data_type: "users", rate: 1, settings: world }),
    );
    expect(second.status).toBe(409);
    const tooBig = await timed(
      "POST",
      "/stream/start",
      JSON.stringify({ data_type: "users", rate: 1, settings: { users: 500_001 } }),
    );
    expect(tooBig.status).toBe(422);
    for (const id of started) await timed("POST", `/stream/stop/${id}`);

    const firehose = {
      scenario: "clickstream",
      kinds: ["users"],
      topics: { users: firehoseTopic },
      threads: 0,
      partitions: 1,
      rate: 20,
    };
    const endless = await timed("POST", "/firehose/start", JSON.stringify(firehose));
    expect(endless.status).toBe(422);
    const wide = await timed(
      "POST",
      "/firehose/start",
      JSON.stringify({ ...firehose, durationSec: 1, partitions: 1_000 }),
    );
    expect(wide.status).toBe(422);
    const run = await timed(
      "POST",
      "/firehose/start",
      JSON.stringify({ ...firehose, durationSec: 60 }),
    );
    expect(run.status).toBe(202);
    const id = JSON.parse(run.text).id;
    const another = await timed(
      "POST",
      "/firehose/start",
      JSON.stringify({ ...firehose, durationSec: 1 }),
    );
    expect(another.status).toBe(409);
    expect((await timed("POST", `/firehose/${id}/stop`)).status).toBe(200);
    console.log(
      `bounds: 65 bursts ${bursts.status}, 9th stream ${ninth.status}, second large world ` +
        `${second.status}, endless firehose ${endless.status}, 1,000 partitions ${wide.status}, ` +
        `second firehose run ${another.status}`,
    );
  });

  it("pages streams with cursors of the documented shape only", async () => {
    const page = JSON.parse((await timed("GET", "/stream/status?limit=2")).text);
    expect(page.streams).toHaveLength(2);
    expect(page.next_cursor).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const forged = Buffer.from("2026-01-01T00:00:00.000000+00:00|x").toString("base64url");
    for (const path of [
      `/stream/status?cursor=${forged}`,
      `/stream/stats?cursor=${forged}`,
      "/stream/status?limit=1000",
      `/stream/stats?cursor=${"A".repeat(10_000)}`,
    ]) {
      expect((await timed("GET", path)).status, path).toBe(422);
    }
  });

  it("keeps secrets and surfaces: /health without error text, pages with a CSP, loopback Hosts only", async () => {
    const health = JSON.parse((await timed("GET", "/health")).text);
    expect(health.status).toBe("healthy");
    for (const d of Object.values(health.dependencies)) {
      expect(Object.keys(d as object).sort()).toEqual(["enabled", "ok", "status"]);
    }
    for (const path of ["/dashboard", "/docs"]) {
      const res = await fetch(`${local.url}${path}`);
      expect(res.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
    }
    // A page that rebinds its own name to 127.0.0.1 reaches the port with its name as Host.
    for (const path of ["/health", "/stream/status", "/dashboard", "/users/"]) {
      const rebound = await raw(path, { host: `attacker.example:${new URL(local.url).port}` });
      expect(rebound.status, path).toBe(403);
      expect(rebound.body).toContain("ALLOWED_HOSTS");
    }
    expect((await raw("/health", { host: `localhost:${new URL(local.url).port}` })).status).toBe(
      200,
    );
  });
});
