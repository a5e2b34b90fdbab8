// The writer's own logic against a counting Queryable (no database): how many round trips a
// write takes, how requests that arrive together share one, and how each request gets its own
// answer or error out of the statement's rows. The statement itself runs on the real Postgres
// in test/integration/api/group-commit.test.ts.
import { CommentWrite, type CreateComment } from "@gg/core/comment";
import { FlagWrite } from "@gg/core/flag";
import type { Queryable } from "@gg/core/sql";
import { UserWrite } from "@gg/core/user";
import { createWriter, type WriteRequest } from "@gg/core/write";
import { describe, expect, it } from "vitest";

interface Call {
  name: string | undefined;
  text: string;
  values: unknown[][];
}
type Answer = (call: Call) => Record<string, unknown>[] | Error;

/** A Queryable that records every round trip and answers from `answer`. */
function counting(answer: Answer) {
  const calls: Call[] = [];
  const db = {
    query: async (config: { name?: string; text: string; values: unknown[][] }) => {
      const call = { name: config.name, text: config.text, values: config.values };
      calls.push(call);
      await new Promise((r) => setImmediate(r));
      const out = answer(call);
      if (out instanceof Error) throw out;
      return { rows: out, rowCount: out.length };
    },
  } as unknown as Queryable;
  return { db, calls };
}

// Answers every request of a call as written, its body naming its ordinal.
const allWritten: Answer = (call) =>
  (call.values[0] as unknown[]).map((_, i) => ({
    ord: i + 1,
    body: `{"n":${i + 1}}`,
    prior_hash: null,
    prior_body: null,
    failed: null,
  }));

const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error(`pg says ${code}`), { code, constraint });

const AT = new Date("2026-11-20T10:00:00.123Z");
const comment = (i: number, key?: string): WriteRequest<CreateComment> => ({
  input: {
    image_id: "00000000-0000-4000-8000-000000000001",
    user_id: "00000000-0000-4000-8000-000000000002",
    content: `comment ${i}`,
  },
  at: AT,
  idempotency: key ? { scope: "POST /comments", key, requestHash: `h${i}` } : undefined,
});

describe("a writer", () => {
  it("writes a comment in one round trip: row, event and idempotency record in one statement", async () => {
    const { db, calls } = counting(allWritten);
    const writer = createWriter(db, CommentWrite);
    const result = await writer.submit(comment(1, "k1"));
    expect(result).toEqual({ body: '{"n":1}', replayed: false });
    // One statement in autocommit is its own transaction: this round trip is the commit.
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.text).toMatch(/INSERT INTO comments/);
    expect(call?.text).toMatch(/INSERT INTO outbox/);
    expect(call?.text).toMatch(/INSERT INTO idempotency_keys/);
    expect(call?.text).not.toMatch(/\bBEGIN\b|\bCOMMIT\b/i);
    // A named statement: parsed and planned once per connection.
    expect(call?.name).toBe("gg_write_comment");
  });

  it("sends the statement unnamed when told to (a pooler that pins named statements)", async () => {
    const { db, calls } = counting(allWritten);
    await createWriter(db, CommentWrite, { prepared: false }).submit(comment(1));
    expect(calls[0]?.name).toBeUndefined();
  });

  it("writes a user in one round trip, its created_at the request's own time", async () => {
    const { db, calls } = counting(allWritten);
    const writer = createWriter(db, UserWrite);
    await writer.submit({
      input: { username: "ana", tos_version_accepted: 1, is_test_account: false },
      at: AT,
    });
    expect(calls).toHaveLength(1);
    const columns = UserWrite.columns.map(([name]) => name);
    expect(calls[0]?.values[columns.indexOf("created_at")]).toEqual([
      "2026-11-20T10:00:00.123000+00:00",
    ]);
  });

  it("puts the requests of one turn in one statement, each answered by its own row", async () => {
    const { db, calls } = counting(allWritten);
    const writer = createWriter(db, CommentWrite);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => writer.submit(comment(i))),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.values[0]).toHaveLength(10);
    expect(results.map((r) => r.body)).toEqual(
      Array.from({ length: 10 }, (_, i) => `{"n":${i + 1}}`),
    );
  });

  it("keeps two requests with one Idempotency-Key out of one statement", async () => {
    const { db, calls } = counting(allWritten);
    const writer = createWriter(db, CommentWrite);
    await Promise.all([
      writer.submit(comment(1, "same")),
      writer.submit(comment(2, "same")),
      writer.submit(comment(3)),
    ]);
    expect(calls.map((c) => (c.values[0] as unknown[]).length)).toEqual([2, 1]);
  });

  it("decodes a replay, a reused key, and a failed check for the request concerned alone", async () => {
    const { db } = counting((call) =>
      (call.values[0] as unknown[]).map((_, i) => ({
        ord: i + 1,
        body: i === 3 ? '{"n":4}' : null,
        prior_hash: i === 0 ? "h0" : i === 1 ? "someone else's" : null,
        prior_body: i < 2 ? '{"stored":true}' : null,
        failed: i === 2 ? 1 : null,
      })),
    );
    const writer = createWriter(db, CommentWrite);
    const outcomes = await Promise.allSettled([
      writer.submit(comment(0, "a")),
      writer.submit(comment(1, "b")),
      writer.submit(comment(2)),
      writer.submit(comment(3)),
    ]);
    expect(outcomes[0]).toEqual({
      status: "fulfilled",
      value: { body: '{"stored":true}', replayed: true },
    });
    expect(outcomes[1]).toMatchObject({ status: "rejected", reason: { code: "CONFLICT" } });
    expect(outcomes[2]).toMatchObject({
      status: "rejected",
      reason: { code: "NOT_FOUND", message: "Image not found" },
    });
    expect(outcomes[3]).toEqual({
      status: "fulfilled",
      value: { body: '{"n":4}', replayed: false },
    });
  });

  it("runs a batch request by request when one request's data fails the statement", async () => {
    const { db, calls } = counting((call) => {
      const contents = call.values[3] as string[];
      if (contents.some((c) => c.includes("bad"))) return pgError("22021");
      return allWritten(call);
    });
    const writer = createWriter(db, CommentWrite);
    const bad = { ...comment(9), input: { ...comment(9).input, content: "bad" } };
    const outcomes = await Promise.allSettled([
      writer.submit(comment(1)),
      writer.submit(bad),
      writer.submit(comment(2)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(outcomes[1]).toMatchObject({ reason: { code: "INVALID_INPUT" } });
    expect(calls.map((c) => (c.values[0] as unknown[]).length)).toEqual([3, 1, 1, 1]);
  });

  it("runs a request again once when its key was claimed meanwhile, to replay it", async () => {
    let first = true;
    const { db, calls } = counting(() => {
      if (first) {
        first = false;
        return pgError("23505", "idempotency_keys_pkey");
      }
      return [{ ord: 1, body: null, prior_hash: "h1", prior_body: '{"first":1}', failed: null }];
    });
    const writer = createWriter(db, CommentWrite);
    expect(await writer.submit(comment(1, "raced"))).toEqual({
      body: '{"first":1}',
      replayed: true,
    });
    expect(calls).toHaveLength(2);
  });

  it("fails a whole batch at once when the database is unreachable, without retrying each", async () => {
    const { db, calls } = counting(() =>
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    );
    const writer = createWriter(db, CommentWrite);
    const outcomes = await Promise.allSettled([
      writer.submit(comment(1)),
      writer.submit(comment(2)),
    ]);
    expect(outcomes.map((o) => (o.status === "rejected" ? o.reason.code : o.status))).toEqual([
      "UNAVAILABLE",
      "UNAVAILABLE",
    ]);
    expect(calls).toHaveLength(1);
  });

  it("refuses a request its kind cannot render at once, before any round trip", async () => {
    const { db, calls } = counting(allWritten);
    const writer = createWriter(db, FlagWrite);
    await expect(
      writer.submit({
        input: { user_id: "00000000-0000-4000-8000-000000000002", reason: "spam" },
        at: AT,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(calls).toHaveLength(0);
  });
});
