// `pnpm start` with GG_LOCAL_STACK=1: the minute ticks come from LocalStack's own scheduler (an
// EventBridge rate(1 minute) rule delivering to an SQS queue the local runner drains), and each
// delivered minute fires the default stream at the API it serves. LocalStack's scheduler wakes
// about every 60 s, so the first delivery takes 0–120 s: the one slow test of this folder.
// The control plane owns the rule: the local runner's sync waits for the advisory lock every
// rule writer takes (Streams.withRuleSync), which this test holds while pnpm start comes up.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { PoolClient } from "@gg/core/db";
import { createQueues } from "@gg/core/queue";
import { createScheduleRules } from "@gg/core/schedule";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  awsConfig,
  type FreshBucket,
  type FreshDatabase,
  freshBucket,
  freshDatabase,
  suffix,
} from "../../support/fixtures";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const names = { rule: `gg-test-traffic-${suffix(4)}`, queue: `gg-test-ticks-${suffix(4)}` };
let db: FreshDatabase;
let bucket: FreshBucket;
let child: ChildProcess;
let output = "";
let lockHolder: PoolClient | undefined;
// Streams.withRuleSync's lock key ("ggru"): pg_locks shows it as objid with classid 0.
const RULE_LOCK = 0x6767_7275;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  db = await freshDatabase();
  bucket = await freshBucket();
  lockHolder = await db.pool.connect();
  await lockHolder.query("BEGIN");
  await lockHolder.query("SELECT pg_advisory_xact_lock($1)", [RULE_LOCK]);
  child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      GG_LOCAL_STACK: "1",
      DATABASE_URL: db.url,
      S3_BUCKET: bucket.bucket,
      KAFKA_TOPIC_PREFIX: `t${suffix(4)}.`,
      PORT: String(await freePort()),
      GG_TRAFFIC_RULE: names.rule,
      GG_TRAFFIC_QUEUE: names.queue,
      GENERATOR_ARRIVAL_RATE: "120/min",
      GENERATOR_INITIAL_USERS: "4",
      GENERATOR_INITIAL_IMAGES: "4",
      GENERATOR_SEED: "local-schedule",
      // Each delivered minute plays in 6 s, so the test waits for LocalStack, not for the minute.
      GENERATOR_TIME_SCALE: "10",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
});

afterAll(async () => {
  await lockHolder?.query("ROLLBACK").catch(() => {});
  lockHolder?.release();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  const aws = awsConfig();
  await createScheduleRules(aws)
    .deleteRule(names.rule)
    .catch(() => {});
  const queues = createQueues(aws);
  await queues
    .create(names.queue)
    .then((q) => queues.deleteQueue(q.url))
    .catch(() => {});
  await bucket?.drop().catch(() => {});
  await db?.drop();
});

describe("pnpm start on the local stack", () => {
  it("writes the rule only under the rule lock: it waits while another writer holds it", async () => {
    const waiting = async () =>
      (
        await db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE d.datname = current_database() AND l.locktype = 'advisory'
              AND l.objid = $1 AND NOT l.granted`,
          [RULE_LOCK],
        )
      ).rows[0]?.n ?? 0;
    const untilWaiting = async (what: string) => {
      for (const deadline = Date.now() + 60_000; (await waiting()) === 0; ) {
        if (child.exitCode !== null) throw new Error(`pnpm start exited:\n${output}`);
        if (Date.now() > deadline) throw new Error(`${what} never waited for the lock:\n${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const runningStreams = async () =>
      (
        await db.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM traffic_streams WHERE status = 'running'",
        )
      ).rows[0]?.n;
    const ruleState = async () =>
      (await createScheduleRules(awsConfig()).describe(names.rule))?.state;

    // 1. The control plane's start-up sync waits for the lock this test took first.
    await untilWaiting("the start-up sync");
    expect(await ruleState()).toBe("DISABLED");
    // 2. Queue a second holder behind it, then let the start-up sync through: once it commits,
    // the second holder has the lock while the runner goes on to start the default stream.
    const second = await db.pool.connect();
    try {
      await second.query("BEGIN");
      const queued = second.query("SELECT pg_advisory_xact_lock($1)", [RULE_LOCK]);
      for (let i = 0; i < 40 && (await waiting()) < 2; i++)
        await new Promise((r) => setTimeout(r, 50));
      await lockHolder?.query("COMMIT");
      lockHolder?.release();
      lockHolder = undefined;
      await queued;
      // 3. Starting the default stream is a rule write too: it waits, so nothing runs or is on.
      await untilWaiting("starting the default stream");
      expect(await runningStreams()).toBe(0);
      expect(await ruleState()).toBe("DISABLED");
      await second.query("COMMIT");
    } finally {
      await second.query("ROLLBACK").catch(() => {});
      second.release();
    }
    // 4. Released: the stream starts and the rule is switched on in the same locked transaction.
    for (const deadline = Date.now() + 30_000; (await ruleState()) !== "ENABLED"; ) {
      if (Date.now() > deadline) throw new Error(`the rule was never enabled:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // The rule is switched on before that transaction commits the stream's row.
    await expect.poll(runningStreams).toBe(1);
  });

  it("a minute delivered by LocalStack's scheduler through SQS fires the default stream", async () => {
    const deadline = Date.now() + 170_000;
    let row:
      | {
          minute: string;
          planned: number;
          skipped: number;
          sent: number;
          succeeded: number;
          failed: number;
        }
      | undefined;
    while (!row && Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`pnpm start exited (${child.exitCode}):\n${output}`);
      await new Promise((r) => setTimeout(r, 2_000));
      const { rows } = await db.pool
        .query<NonNullable<typeof row>>(
          `SELECT minute::text, planned, skipped, sent, succeeded, failed FROM traffic_minutes
            WHERE finished_at IS NOT NULL ORDER BY minute LIMIT 1`,
        )
        .catch(() => ({ rows: [] as NonNullable<typeof row>[] }));
      row = rows[0];
    }
    expect(row, `no minute ran within 170 s; output:\n${output.slice(-3000)}`).toBeDefined();
    // ~120 drawn. If the delivery serves the minute in which the initial users were created, the
    // plan (state as of the minute's start) has no actors yet: then only new users fire.
    expect(row!.planned + row!.skipped).toBeGreaterThan(50);
    expect(row!.planned).toBeGreaterThan(0);
    expect(row).toMatchObject({ sent: row!.planned, succeeded: row!.planned, failed: 0 });

    // The rule is LocalStack's, enabled while the default stream runs, targeting our queue.
    const rule = await createScheduleRules(awsConfig()).describe(names.rule);
    expect(rule).toMatchObject({ state: "ENABLED", scheduleExpression: "rate(1 minute)" });
    expect(rule?.targets.map((t) => t.arn)).toEqual([expect.stringContaining(names.queue)]);
    // The API really wrote what the minute sent (initial users included).
    const { rows } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM users");
    expect(rows[0]!.n).toBeGreaterThan(4);
  }, 200_000);
});
