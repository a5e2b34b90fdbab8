// `pnpm bench planning [--scales 1,10,100] [--rate 100/s] [--repeat 3]`
// Planning cost (state load + plan) against table size, before and after the bounded planning
// state: for each scale a fresh database is seeded with bulk generate_series inserts (scale 1 is
// B below), then one minute is loaded and planned with the old full-scan loader (kept here as the
// yardstick) and with packages/traffic/src/scenarios/gourmetgram/state. Wall time is the median of --repeat runs.
import { parseArgs } from "node:util";
import type { Pool } from "@gg/core/db";
import { type KnownState, PlannerConfig, planMinute } from "@gg/traffic/gourmetgram/plan";
import { loadPlanningState, MIN_SAMPLE, sampleSize } from "@gg/traffic/gourmetgram/state";
import { freshDatabase } from "../test/support/fixtures";

/**
 * Scale 1: the day at 1,000 events/s (realistic mix) divided by 1,000, about 3½ weeks of
 * staging at 150/h. Views follow the mix (0.68 / 0.2 of comments), skewed over images.
 */
const B = { users: 2_600, images: 6_000, comments: 17_000, flags: 1_700, views: 57_800 };

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      scales: { type: "string", default: "1,10,100" },
      rate: { type: "string", default: "100/s" },
      repeat: { type: "string", default: "3" },
    },
  });
  const scales = values.scales.split(",").map(Number);
  const repeat = Number(values.repeat);
  const busy = PlannerConfig.parse({ rate: { base: values.rate }, mix: "realistic" });
  const quiet = PlannerConfig.parse({ rate: { base: "150/h" }, mix: "realistic" });
  console.log(
    `planning bench: median of ${repeat}, realistic mix; B = ${JSON.stringify(B)}; ms are wall time`,
  );
  console.log(
    `samples: ${sampleSize(quiet, new Date())} engagement rows at 150/h, ${sampleSize(busy, new Date())} at ${values.rate} (users: half, at least ${MIN_SAMPLE})`,
  );
  const head = [
    "scale",
    "users",
    "images",
    "eng. rows",
    "| before: load",
    `plan@${values.rate}`,
    "rows",
    "| after@150/h: load",
    "plan",
    "rows",
    `| after@${values.rate}: load`,
    "plan",
    "rows",
  ];
  console.log(head.join("  "));
  // Warm the planner first (module loading, JIT), so the first scale's plan is not a cold start's.
  planMinute({ seed: 0, minute: new Date(), config: busy, state: WARM_UP, dataset: null });
  for (const scale of scales) {
    const db = await freshDatabase();
    try {
      const seeded = await seed(db.pool, scale);
      const minute = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
      const { db: counted, rows } = counting(db.pool);
      const before = await measure(
        repeat,
        rows,
        () => legacyLoadState(counted, minute),
        minute,
        busy,
      );
      const afterQuiet = await measure(
        repeat,
        rows,
        () => loadPlanningState(counted, { seed: 1, minute, config: quiet }),
        minute,
        quiet,
      );
      const afterBusy = await measure(
        repeat,
        rows,
        () => loadPlanningState(counted, { seed: 1, minute, config: busy }),
        minute,
        busy,
      );
      const cells = (m: Measured) => [m.loadMs.toFixed(0), m.planMs.toFixed(0), String(m.rows)];
      console.log(
        [
          `${scale}×`,
          seeded.users,
          seeded.images,
          seeded.engagement,
          "|",
          ...cells(before),
          "|",
          ...cells(afterQuiet),
          "|",
          ...cells(afterBusy),
        ].join("  "),
      );
    } finally {
      await db.drop();
    }
  }
}

const WARM_UP: KnownState = {
  users: Array.from({ length: 100 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  })),
  images: Array.from({ length: 100 }, (_, i) => ({
    id: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
    views: i,
    comments: 0,
    flags: 0,
  })),
};

interface Measured {
  loadMs: number;
  planMs: number;
  /** Rows the load's queries returned (the old loader also scanned comments and flags whole). */
  rows: number;
}

/** The pool, counting the rows its queries return. */
function counting(pool: Pool) {
  const rows = { n: 0 };
  const db = {
    query: async (sql: string, params?: unknown[]) => {
      const r = await pool.query(sql, params);
      rows.n += r.rowCount ?? 0;
      return r;
    },
  } as unknown as Pool;
  return { db, rows };
}

async function measure(
  repeat: number,
  rows: { n: number },
  load: () => Promise<KnownState>,
  minute: Date,
  config: PlannerConfig,
): Promise<Measured> {
  const runs: Measured[] = [];
  for (let i = 0; i < repeat; i++) {
    rows.n = 0;
    const t0 = performance.now();
    const state = await load();
    const t1 = performance.now();
    planMinute({ seed: 1, minute, config, state, dataset: null });
    const t2 = performance.now();
    runs.push({ loadMs: t1 - t0, planMs: t2 - t1, rows: rows.n });
  }
  const median = (f: (r: Measured) => number) =>
    runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)] as number;
  return { loadMs: median((r) => r.loadMs), planMs: median((r) => r.planMs), rows: runs[0]!.rows };
}

/**
 * Bulk-seeds B × scale rows. Foreign keys and 0006's triggers are off for the load (replica
 * mode) and the logs are then filled the way migration 0006 fills them from existing rows, with
 * their indexes built after: the same rows the triggers would write, minutes faster at 100×.
 */
async function seed(pool: Pool, scale: number) {
  const n = (k: keyof typeof B) => Math.round(B[k] * scale);
  await pool.query(`
    SET session_replication_role = replica;
    DROP INDEX planning_users_sample_idx;
    DROP INDEX planning_engagement_sample_idx;
    INSERT INTO users (id, username, created_at)
      SELECT gen_random_uuid(), 'u' || g, now() - interval '1 day' FROM generate_series(1, ${n("users")}) g;
    CREATE TEMP TABLE u AS SELECT row_number() OVER () AS i, id FROM users;
    CREATE INDEX ON u (i);
    -- Views per image are heavy-tailed (random()^4), summing to about B.views × scale.
    INSERT INTO images (id, user_id, s3_url, created_at, views)
      SELECT gen_random_uuid(), u.id, 's3://b/' || g, now() - interval '1 day',
             floor(power(random(), 4) * ${(5 * B.views) / B.images})::int
        FROM generate_series(1, ${n("images")}) g JOIN u ON u.i = 1 + (g % ${n("users")});
    CREATE TEMP TABLE im AS SELECT row_number() OVER () AS i, id, user_id FROM images;
    CREATE INDEX ON im (i);
    INSERT INTO comments (id, image_id, user_id, content, created_at)
      SELECT gen_random_uuid(), im.id, im.user_id, 'yum', now() - interval '1 day'
        FROM (SELECT 1 + floor(power(random(), 2) * ${n("images")})::int AS k
                FROM generate_series(1, ${n("comments")})) g
        JOIN im ON im.i = g.k;
    INSERT INTO flags (id, user_id, image_id, reason, created_at)
      SELECT gen_random_uuid(), im.user_id, im.id, 'spam', now() - interval '1 day'
        FROM (SELECT 1 + floor(random() * ${n("images")})::int AS k
                FROM generate_series(1, ${n("flags")})) g
        JOIN im ON im.i = g.k;
    INSERT INTO planning_users (user_id, at) SELECT id, created_at FROM users;
    INSERT INTO planning_engagement (image_id, kind, at)
      SELECT id, 0, created_at FROM images
      UNION ALL SELECT id, 1, created_at FROM images, generate_series(1, views) WHERE views > 0
      UNION ALL SELECT image_id, 2, created_at FROM comments
      UNION ALL SELECT image_id, 3, created_at FROM flags;
    CREATE INDEX planning_users_sample_idx ON planning_users (sample_key, user_id) INCLUDE (at);
    CREATE INDEX planning_engagement_sample_idx
      ON planning_engagement (sample_key, image_id) INCLUDE (at, kind);
    DROP TABLE u, im;
    SET session_replication_role = origin;`);
  await pool.query("VACUUM ANALYZE");
  const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  return {
    users: await count("SELECT count(*)::int AS n FROM users"),
    images: await count("SELECT count(*)::int AS n FROM images"),
    engagement: await count("SELECT count(*)::int AS n FROM planning_engagement"),
  };
}

/** The loader before packages/traffic/src/scenarios/gourmetgram/state (runner/state.ts until 0006), as the yardstick. */
async function legacyLoadState(pool: Pick<Pool, "query">, before: Date): Promise<KnownState> {
  const [users, images] = await Promise.all([
    pool.query<{ id: string }>(
      "SELECT id::text AS id FROM users WHERE created_at < $1 ORDER BY created_at, id",
      [before],
    ),
    pool.query<{ id: string; user_id: string; views: number; comments: number; flags: number }>(
      `SELECT i.id::text AS id, i.user_id::text AS user_id, coalesce(i.views, 0)::int AS views,
              coalesce(c.n, 0)::int AS comments, coalesce(f.n, 0)::int AS flags
         FROM images i
         LEFT JOIN (SELECT image_id, count(*) AS n FROM comments WHERE deleted_at IS NULL GROUP BY image_id) c
                ON c.image_id = i.id
         LEFT JOIN (SELECT image_id, count(*) AS n FROM flags WHERE image_id IS NOT NULL GROUP BY image_id) f
                ON f.image_id = i.id
        WHERE i.deleted_at IS NULL AND i.created_at < $1
        ORDER BY i.created_at, i.id`,
      [before],
    ),
  ]);
  return {
    users: users.rows,
    images: images.rows.map((i) => ({
      id: i.id,
      userId: i.user_id,
      views: i.views,
      comments: i.comments,
      flags: i.flags,
    })),
  };
}
