import { randomUUID } from "node:crypto";
import { defaultMigrationsDir, migrate, type Pool, readMigrations } from "@gg/core/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshDatabase, freshDatabase } from "../../support/fixtures";

// Other services of the platform write with the original DDL in mind (contract §2): no ids,
// relying on `DEFAULT gen_random_uuid()`. Each statement below is one they may send.
async function insertLikeTheOriginal(pool: Pool) {
  const one = async (sql: string, params: unknown[]) =>
    (await pool.query<{ id: string }>(sql, params)).rows[0]?.id as string;
  const userId = await one("INSERT INTO users (username) VALUES ($1) RETURNING id", [
    `orig_${randomUUID().slice(0, 8)}`,
  ]);
  const imageId = await one("INSERT INTO images (user_id, s3_url) VALUES ($1, $2) RETURNING id", [
    userId,
    "s3://gourmetgram-images/x.jpg",
  ]);
  // The risk scorer's decision, exactly as it writes it.
  const moderationId = await one(
    `INSERT INTO moderation (target_type, target_id, inference_mode, model_version, risk_score, trigger_type)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    ["image", imageId, "online", "risk-v3", 0.87, "upload"],
  );
  const commentId = await one(
    "INSERT INTO comments (image_id, user_id, content, moderator_action_id) VALUES ($1, $2, $3, $4) RETURNING id",
    [imageId, userId, "Wow, tasty.", moderationId],
  );
  const flagId = await one(
    "INSERT INTO flags (user_id, comment_id, reason, moderation_action_id) VALUES ($1, $2, $3, $4) RETURNING id",
    [userId, commentId, "spam in comment", moderationId],
  );
  const ids = { userId, imageId, moderationId, commentId, flagId };
  for (const id of Object.values(ids)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(new Set(Object.values(ids)).size).toBe(5);
  return ids;
}

// The original's indexes, as (table, leading columns): an index starting with them serves them.
const originalIndexes: [string, string[]][] = [
  ["users", ["username"]],
  ["images", ["user_id"]],
  ["images", ["created_at"]],
  ["images", ["deleted_at"]],
  ["comments", ["image_id"]],
  ["comments", ["user_id"]],
  ["comments", ["created_at"]],
  ["comments", ["deleted_at"]],
  ["flags", ["user_id"]],
  ["flags", ["image_id"]],
  ["flags", ["comment_id"]],
  ["flags", ["created_at"]],
  ["flags", ["review_status"]],
  ["moderation", ["target_type", "target_id"]],
  ["moderation", ["risk_score"]],
  ["moderation", ["inference_request_id"]],
];

async function indexLeads(pool: Pool): Promise<Set<string>> {
  // Every index's columns in key order, as "table:col1,col2,…"; a prefix match is checked below.
  const { rows } = await pool.query<{ t: string; cols: string[] }>(
    `SELECT t.relname AS t, array_agg(a.attname::text ORDER BY k.ord) AS cols
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      GROUP BY i.indexrelid, t.relname`,
  );
  const leads = new Set<string>();
  for (const r of rows)
    for (let n = 1; n <= r.cols.length; n++) leads.add(`${r.t}:${r.cols.slice(0, n).join(",")}`);
  return leads;
}

async function checkSchema(pool: Pool) {
  await insertLikeTheOriginal(pool);
  const leads = await indexLeads(pool);
  const missing = originalIndexes
    .map(([t, cols]) => `${t}:${cols.join(",")}`)
    .filter((k) => !leads.has(k));
  expect(missing).toEqual([]);
  // The moderation foreign keys hold: an unknown moderation id is refused.
  const { userId, imageId } = await insertLikeTheOriginal(pool);
  await expect(
    pool.query(
      "INSERT INTO comments (image_id, user_id, content, moderator_action_id) VALUES ($1, $2, 'x', $3)",
      [imageId, userId, randomUUID()],
    ),
  ).rejects.toMatchObject({ code: "23503" });
  await expect(
    pool.query(
      "INSERT INTO flags (user_id, image_id, reason, moderation_action_id) VALUES ($1, $2, 'spam', $3)",
      [userId, imageId, randomUUID()],
    ),
  ).rejects.toMatchObject({ code: "23503" });
}

describe("schema: the original DDL's defaults, foreign keys and indexes", () => {
  let fresh: FreshDatabase;
  let old: FreshDatabase;
  beforeAll(async () => {
    [fresh, old] = await Promise.all([freshDatabase(), freshDatabase({ migrate: false })]);
  });
  afterAll(async () => {
    await Promise.all([fresh?.drop(), old?.drop()]);
  });

  it("a freshly migrated database takes inserts without ids", async () => {
    await checkSchema(fresh.pool);
  });

  it("a database migrated to 0004, with rows, upgrades in place", async () => {
    const all = await readMigrations(defaultMigrationsDir());
    const upTo4 = all.filter((m) => m.version < "0005");
    expect(upTo4.map((m) => m.version.slice(0, 4))).toEqual(["0001", "0002", "0003", "0004"]);
    await migrate(old.pool, { migrations: upTo4 });
    // Before: the risk scorer's insert fails, as the issue reported.
    await expect(
      old.pool.query(
        "INSERT INTO moderation (target_type, target_id, inference_mode, risk_score) VALUES ('image', $1, 'online', 0.5)",
        [randomUUID()],
      ),
    ).rejects.toThrow(/null value in column "id"/);
    // Rows written by the old schema (ids from the app) survive the upgrade.
    const userId = randomUUID();
    await old.pool.query("INSERT INTO users (id, username) VALUES ($1, 'before_upgrade')", [
      userId,
    ]);
    const { applied } = await migrate(old.pool);
    expect(applied).toContain("0005_original_defaults");
    expect(applied.every((v) => v >= "0005")).toBe(true);
    await checkSchema(old.pool);
    const kept = await old.pool.query("SELECT username FROM users WHERE id = $1", [userId]);
    expect(kept.rows).toEqual([{ username: "before_upgrade" }]);
  });

  it("the migration is re-runnable on its own", async () => {
    const m = (await readMigrations(defaultMigrationsDir())).find(
      (x) => x.version === "0005_original_defaults",
    );
    expect(m).toBeDefined();
    await fresh.pool.query(m?.sql ?? "");
    await checkSchema(fresh.pool);
  });
});
