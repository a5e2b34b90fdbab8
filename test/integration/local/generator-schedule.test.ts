// `pnpm start` with GG_LOCAL_STACK=1: the minute ticks come from LocalStack's own scheduler (an
// EventBridge rate(1 minute) rule delivering to an SQS queue the local runner drains), and each
// delivered minute fires the default stream at the API it serves. LocalStack's scheduler wakes
// about every 60 s, so the first delivery takes 0–120 s: the one slow test of this folder.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
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
