// `pnpm screenshot [--out .github/dashboard.png] [--phone-out file]`: the README's picture of
// the dashboard during a run. On the `pnpm services` stack it starts `pnpm start` (fresh
// database, bucket, rule and queue, removed afterwards; a fresh topic prefix), backfills the
// last half hour of its default stream with `pnpm generate backfill`, waits for one live minute,
// and photographs /dashboard in headless chromium with every request off 127.0.0.1 refused.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDatabase, dropDatabase } from "@gg/core/db";
import { createQueues } from "@gg/core/queue";
import { createScheduleRules } from "@gg/core/schedule";
import { deleteBucket } from "@gg/core/storage";
import { launchBrowser, loopbackOnly } from "../test/support/browser";
import { awsConfig, suffix } from "../test/support/fixtures";
import { stack } from "../test/support/stack";

const { values: args } = parseArgs({
  options: {
    out: { type: "string", default: ".github/dashboard.png" },
    width: { type: "string", default: "1280" },
    height: { type: "string", default: "900" },
    minutes: { type: "string", default: "30" },
    /** Also a phone-sized picture (390×844), to check the narrow layout. */
    "phone-out": { type: "string" },
  },
});
const root = fileURLToPath(new URL("..", import.meta.url));
const KEY = `shot-${suffix(4)}`;
const names = {
  db: `gg_screenshot_${suffix(4)}`,
  bucket: `gg-screenshot-${suffix(4)}`,
  rule: `gg-screenshot-${suffix(4)}`,
  queue: `gg-screenshot-ticks-${suffix(4)}`,
};
const MINUTE_MS = 60_000;
const say = (line: string) => console.error(`screenshot: ${line}`);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const run = (script: string, argv: string[], env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", script, ...argv], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });

const databaseUrl = await createDatabase(stack.adminDatabaseUrl, names.db);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const aws = awsConfig();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  KAFKA_BROKERS: stack.kafkaBrokers.join(","),
  KAFKA_TOPIC_PREFIX: `shot${suffix(3)}.`,
  AWS_ENDPOINT_URL: aws.endpoint,
  AWS_REGION: aws.region,
  AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
  S3_BUCKET: names.bucket,
  GG_TRAFFIC_RULE: names.rule,
  GG_TRAFFIC_QUEUE: names.queue,
  // Ticks from LocalStack's scheduler through the rule, as `pnpm start` runs on the stack.
  GG_LOCAL_STACK: "1",
  API_KEY: KEY,
  PORT: String(port),
  GENERATOR_ARRIVAL_RATE: "60/min",
  GENERATOR_MIX: "realistic",
  GENERATOR_INITIAL_USERS: "20",
  GENERATOR_INITIAL_IMAGES: "8",
  GENERATOR_SEED: "screenshot",
  GENERATOR_API_URL: base,
};
const server = run("packages/local/src/start.ts", [], env);
server.stdout?.resume();

const call = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${base}${path}`, { headers: { "x-api-key": KEY } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
};
const poll = async <T>(what: string, ms: number, probe: () => Promise<T | undefined>) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`pnpm start exited (${server.exitCode})`);
    const got = await probe().catch(() => undefined);
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`timed out waiting for ${what}`);
};

try {
  type Status = { streams: { stream_id: string; status: string }[] };
  const stream = await poll("pnpm start and its default stream", 60_000, async () =>
    (await call<Status>("/stream/status")).streams.find((s) => s.status === "running"),
  );
  const now = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  const from = new Date(now - Number(args.minutes) * MINUTE_MS).toISOString();
  say(`backfilling ${args.minutes} minutes of stream ${stream.stream_id}`);
  const backfill = run(
    "packages/traffic/src/cli/generate/main.ts",
    ["backfill", "--from", from, "--to", new Date(now).toISOString(), "--stream", stream.stream_id],
    env,
  );
  backfill.stdout?.resume();
  const code = await new Promise((r) => backfill.once("exit", r));
  if (code !== 0) throw new Error(`backfill exited ${code}`);

  say("waiting for a live minute to be written");
  type Data = { minutes: { minute: string; finished: boolean; planned: number | null }[] };
  await poll("a live minute", 200_000, async () =>
    (await call<Data>("/dashboard/data")).minutes.find(
      (m) => Date.parse(m.minute) >= now && m.finished && m.planned !== null,
    ),
  );

  const browser = await launchBrowser({ width: Number(args.width), height: Number(args.height) });
  try {
    const refused = await loopbackOnly(browser.context);
    const page = await browser.context.newPage();
    await page.goto(`${base}/dashboard`);
    await page.locator("#login-key").fill(KEY);
    await page.locator("#login-form button").click();
    await page.locator("#minutes tbody tr").first().waitFor();
    await page.locator("#chart-kinds canvas").waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: args.out, fullPage: true });
    if (args["phone-out"]) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: args["phone-out"], fullPage: true });
    }
    if (refused.length) throw new Error(`requests left 127.0.0.1: ${refused.join(", ")}`);
    say(`wrote ${args.out}`);
  } finally {
    await browser.close();
  }
} finally {
  if (server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  await createScheduleRules(aws)
    .deleteRule(names.rule)
    .catch(() => {});
  const queues = createQueues(aws);
  await queues
    .create(names.queue)
    .then((q) => queues.deleteQueue(q.url))
    .catch(() => {});
  await deleteBucket({ ...aws, bucket: names.bucket }).catch(() => {});
  await dropDatabase(stack.adminDatabaseUrl, names.db).catch(() => {});
}
