// Nothing a client was told succeeded is lost when the server dies in the middle of group-committed
// batches. `pnpm start`'s entry runs in its own process under 48 connections of comments, users
// and views (half with an Idempotency-Key); 1.2 s in (and 50 answers), its Postgres connections are
// terminated (as a database restart would: the batches in flight fail with 503, the pool
// reconnects); 2.5 s in (and 150 answers), it is killed with SIGKILL while batches are in flight.
// Then every 2xx answer's row, event and idempotency record must be in the database. Costs about
// 10 s (bundle, boot, 2.5 s of load).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Kafka from "@gg/core/kafka";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiProcess, bundleStart, startApiProcess } from "../../support/api-process";
import {
  type FreshBucket,
  type FreshDatabase,
  freshBucket,
  freshDatabase,
  suffix,
  testKafka,
} from "../../support/fixtures";
import { jpeg } from "../../support/images";

const LANES = 48;
const TERMINATE_AT_MS = 1_200;
const KILL_AT_MS = 2_500;

let db: FreshDatabase;
let bucket: FreshBucket;
let dataDir: string;
let api: ApiProcess;
const topicPrefix = `x${suffix(4)}.`;
const topics = Kafka.GourmetGramTopics.topics.map((t) => topicPrefix + t.name);

beforeAll(async () => {
  const bundle = await bundleStart("crash-mid-batch");
  db = await freshDatabase();
  bucket = await freshBucket();
  dataDir = mkdtempSync(join(tmpdir(), "gg-crash-"));
  await Kafka.ensureTopics(testKafka(), topics);
  api = await startApiProcess(bundle, { db, bucket, topicPrefix, dataDir });
});

afterAll(async () => {
  if (api && api.child.exitCode === null) {
    api.child.kill("SIGKILL");
    await api.exited();
  }
  await Kafka.deleteTopics(testKafka(), topics).catch(() => {});
  await bucket?.drop();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Acked {
  kind: "comment" | "user" | "view";
  key: string | undefined;
  body: { id?: string; views?: number };
}

describe("a server killed in the middle of group-committed batches", () => {
  it("loses no write it answered 2xx: rows, events and idempotency records are all there", async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(api.url + path, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const owner = (await (await post("/users/", { username: "crash-owner" })).json()).id;
    const form = new FormData();
    form.set("user_id", owner);
    form.set("file", new File([jpeg()], "photo.jpg"));
    const image = (await (await fetch(`${api.url}/upload/`, { method: "POST", body: form })).json())
      .id;

    const acked: Acked[] = [];
    const statuses: Record<string, number> = {};
    let inFlight = 0;
    let inFlightAtKill = 0;
    let n = 0;
    const lane = async () => {
      for (;;) {
        const i = n++;
        const kind = (["comment", "user", "view"] as const)[i % 3] as Acked["kind"];
        const key = i % 2 === 0 ? `crash-${i}` : undefined;
        const headers: Record<string, string> = key ? { "idempotency-key": key } : {};
        inFlight++;
        try {
          const res =
            kind === "comment"
              ? await post(
                  "/comments/",
                  { image_id: image, user_id: owner, content: `c${i}` },
                  headers,
                )
              : kind === "user"
                ? await post("/users/", { username: `crash-${i}` }, headers)
                : await post(`/images/${image}/view`, {}, headers);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.ok) acked.push({ kind, key, body: await res.json() });
          else await res.arrayBuffer();
        } catch {
          return; // the server is gone
        } finally {
          inFlight--;
        }
      }
    };
    const lanes = Promise.all(Array.from({ length: LANES }, lane));
    // Each step waits for its time and for enough answers: a loaded machine answers fewer per
    // second, and the kill must still land among batches after plenty were acknowledged.
    const after = async (ms: number, acks: number) => {
      const start = Date.now();
      while (Date.now() - start < ms || (acked.length < acks && Date.now() - start < 60_000)) {
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await after(TERMINATE_AT_MS, 50);
    const terminated = await db.pool.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'gourmetgram-api'`,
      [db.name],
    );
    await after(KILL_AT_MS - TERMINATE_AT_MS, 150);
    inFlightAtKill = inFlight;
    api.child.kill("SIGKILL");
    await api.exited();
    await lanes;

    const why = JSON.stringify({ statuses, inFlightAtKill, terminated: terminated.rows[0] });
    expect(terminated.rows[0].n, why).toBeGreaterThan(0);
    expect(inFlightAtKill, why).toBeGreaterThan(0);
    expect(acked.length, why).toBeGreaterThan(100);

    const ids = (kind: Acked["kind"]) =>
      acked.filter((a) => a.kind === kind).map((a) => a.body.id as string);
    const missing = async (sql: string, values: unknown[]) =>
      (await db.pool.query<{ id: string }>(sql, values)).rows.map((r) => r.id);
    // Every acknowledged comment has its row and its one event; every user its row.
    expect(
      await missing(
        `SELECT a.id FROM unnest($1::text[]) AS a(id)
          WHERE NOT EXISTS (SELECT 1 FROM comments c WHERE c.id::text = a.id)
             OR (SELECT count(*) FROM outbox o WHERE o.topic = 'gourmetgram.comments'
                   AND o.value::jsonb->>'comment_id' = a.id) <> 1`,
        [ids("comment")],
      ),
    ).toEqual([]);
    expect(
      await missing(
        "SELECT a.id FROM unnest($1::text[]) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id::text = a.id)",
        [ids("user")],
      ),
    ).toEqual([]);
    // Every acknowledged view was counted (counts are handed out in order, so the highest one
    // answered is at most the row's count), and every counted view has its event.
    const views = acked.filter((a) => a.kind === "view").map((a) => a.body.views as number);
    const { rows } = await db.pool.query(
      `SELECT (SELECT views FROM images WHERE id = $1) AS counted,
              (SELECT count(*)::int FROM outbox WHERE topic = 'gourmetgram.views' AND key = $1::text) AS events`,
      [image],
    );
    expect(rows[0].counted).toBeGreaterThanOrEqual(Math.max(0, ...views));
    expect(rows[0].counted).toBeGreaterThanOrEqual(new Set(views).size);
    expect(rows[0].events).toBe(rows[0].counted);
    // Every acknowledged key has its record, holding the answer given.
    const keyed = acked.filter((a) => a.key);
    const stored = await db.pool.query<{ key: string; response: string }>(
      "SELECT key, response FROM idempotency_keys WHERE key = ANY($1::text[])",
      [keyed.map((a) => a.key)],
    );
    const byKey = new Map(stored.rows.map((r) => [r.key, JSON.parse(r.response)]));
    for (const a of keyed) expect(byKey.get(a.key as string), a.key).toEqual(a.body);
  }, 120_000);
});
