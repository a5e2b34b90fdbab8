// `pnpm start`'s entry as a child process on a test's own database, bucket and topics, bundled
// once as the Lambdas are: it boots in a second or two rather than the ~15 s tsx takes on a loaded
// machine. For tests that kill the server (SIGKILL) and look at what survived.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { awsConfig, type FreshBucket, type FreshDatabase } from "./fixtures";
import { freePort } from "./local-start";
import { stack } from "./stack";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Bundles packages/local/src/start.ts to `<name>.mjs`, two folders below packages/core, where core
 * finds its migrations relative to itself. One name per test file: files run in parallel.
 */
export async function bundleStart(name: string): Promise<string> {
  const outfile = join(ROOT, `packages/core/node_modules/.gg-test-bundles/${name}.mjs`);
  await build({
    entryPoints: [join(ROOT, "packages/local/src/start.ts")],
    outfile,
    platform: "node",
    format: "esm",
    target: "node20",
    bundle: true,
    // @platformatic/kafka loads a wasm file next to itself; pg-native and sharp are optional.
    external: ["pg-native", "sharp", "@platformatic/kafka"],
    banner: {
      js: "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
    },
    logLevel: "error",
  });
  return outfile;
}

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  /** Resolves when the process has exited (at once if it already has). */
  exited(): Promise<void>;
}

/**
 * Starts the bundle with the generator off; resolves once GET /health answers. `port` restarts a
 * server where its clients expect it (default: a free one).
 */
export async function startApiProcess(
  bundle: string,
  stores: { db: FreshDatabase; bucket: FreshBucket; topicPrefix: string; dataDir: string },
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<ApiProcess> {
  const aws = awsConfig();
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [bundle], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      GENERATOR_ENABLED: "0",
      GG_LOCAL_STACK: "",
      GG_LOCAL_DIR: stores.dataDir,
      DATABASE_URL: stores.db.url,
      KAFKA_BROKERS: stack.kafkaBrokers.join(","),
      KAFKA_TOPIC_PREFIX: stores.topicPrefix,
      S3_ENDPOINT: aws.endpoint,
      S3_BUCKET: stores.bucket.bucket,
      AWS_REGION: aws.region,
      AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
      ...options.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
  const url = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error("the API did not answer /health within 60 s");
}
