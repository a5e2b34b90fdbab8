// `pnpm start` as a child process on the local stack, for tests that need the whole local
// runner (its schedules, its wiring) rather than one app. Output is kept for failure messages.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import {
  dropTopicsWithPrefix,
  type FreshBucket,
  type FreshDatabase,
  freshBucket,
  freshDatabase,
  suffix,
} from "./fixtures";
import { stack } from "./stack";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface LocalStart {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves once the server answers GET /health (or rejects when the process exits). */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A free loopback port. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Spawns `packages/local/src/start.ts` with `env` over the test's own environment. */
export async function startLocal(env: Record<string, string>): Promise<LocalStart> {
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/start.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    output: () => output,
    async ready(timeoutMs = 60_000) {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
        if (child.exitCode !== null) throw new Error(`pnpm start exited:\n${output}`);
        const ok = await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`pnpm start did not answer within ${timeoutMs} ms:\n${output}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface FreshLocal {
  local: LocalStart;
  db: FreshDatabase;
  bucket: FreshBucket;
  /** This run's Kafka topic prefix. */
  prefix: string;
  /** Stops the server and removes its database and bucket. */
  close(): Promise<void>;
}

/**
 * `pnpm start` on the services stack over fresh stores (its own database, bucket and topic
 * prefix), without the generator or the traffic rule unless `env` says otherwise; ready.
 */
export async function startLocalFresh(env: Record<string, string> = {}): Promise<FreshLocal> {
  const db = await freshDatabase();
  const bucket = await freshBucket();
  const prefix = `t${suffix(4)}.`;
  const local = await startLocal({
    DATABASE_URL: db.url,
    KAFKA_BROKERS: stack.kafkaBrokers.join(","),
    AWS_ENDPOINT_URL: stack.awsEndpoint,
    S3_BUCKET: bucket.bucket,
    KAFKA_TOPIC_PREFIX: prefix,
    GENERATOR_ENABLED: "0",
    GG_TRAFFIC_SCHEDULE: "off",
    ...env,
  });
  await local.ready();
  return {
    local,
    db,
    bucket,
    prefix,
    async close() {
      await local.stop();
      await bucket.drop().catch(() => {});
      await dropTopicsWithPrefix(prefix);
      await db.drop();
    },
  };
}
