import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { ensureDir, once } from "./cache";
import type { ServicesConfig } from "./config";
import { installLambdaExecutor, LAMBDA_EXECUTOR, lambdaExecutorSite } from "./lambda-executor";
import { installLambdaNodes } from "./lambda-node";
import { GATEWAY_SERVER, installGatewayServer } from "./localstack-server";
import type { Log } from "./log";
import {
  commandLine,
  livePid,
  removePid,
  run,
  StepError,
  spawnDetached,
  stopGroup,
  waitUntil,
  writePid,
} from "./process";
import type { Service } from "./service";

// The last open-source runtime: later releases need an auth token, 4.14 needs Python 3.12.
const LOCALSTACK_VERSION = "4.13.1";
const MAIN_MODULE = "localstack.runtime.main";
const REQUIRED = ["s3", "events", "sqs"] as const;
// Checked once it answers, ours or not (compose): `pnpm emulate` deploys Lambda functions, and
// `pnpm deploy:check`'s tests read SST's secrets (SSM) and AZ offerings (EC2) from it.
const CHECKED = ["lambda", "ssm", "ec2"] as const;
const SERVICES = "s3,events,sqs,logs,iam,sts,lambda,ssm,ec2";
// Its dependencies are unpinned and later releases broke it (cbor2 6 dropped a module its
// parser imports, pyOpenSSL 25 dropped X509.add_extensions), so resolve everything as PyPI was
// the day 4.13.1 shipped (2026-02-02): pip's --uploaded-prior-to, which needs pip >= 26.
const RELEASED_BEFORE = "2026-02-03T00:00:00Z";
const PIP = "pip==26.3";

/**
 * LocalStack's own calls to itself (each invocation's logs, the queue pollers) go straight to its
 * gateway in the process, not through an HTTP request to its own port.
 */
const TUNING = { IN_MEMORY_CLIENT: "1" };

const installDir = (c: ServicesConfig) => join(c.cacheDir, `localstack-${LOCALSTACK_VERSION}`);
const python = (c: ServicesConfig) => join(installDir(c), "venv", "bin", "python");
const stateDir = (c: ServicesConfig) => join(c.dataDir, "localstack");
const pidFile = (c: ServicesConfig) => join(c.dataDir, "localstack.pid");
const logFile = (c: ServicesConfig) => join(c.logDir, "localstack.log");

interface Health {
  version?: string;
  services?: Record<string, string>;
}

/** Creates the venv and pip-installs the runtime into the cache (once). */
async function installVenv(c: ServicesConfig, log: Log): Promise<void> {
  const dir = installDir(c);
  const stamp = `${LOCALSTACK_VERSION} ${PIP} uploaded-prior-to ${RELEASED_BEFORE}`;
  await once(dir, stamp, async () => {
    log("creating the Python venv and pip-installing localstack-core (cold cache: minutes)");
    const logs = { logFile: logFile(c), cwd: dir };
    // A fresh venv: pip never downgrades what a half-done earlier attempt left behind.
    await rm(join(dir, "venv"), { recursive: true, force: true });
    await run({ command: "python3", args: ["-m", "venv", join(dir, "venv")], ...logs }, "venv");
    const env = { ...process.env, PIP_CACHE_DIR: join(c.cacheDir, "pip") };
    const pip = (args: string[]) => ({ command: python(c), args: ["-m", "pip", ...args], env });
    await run({ ...pip(["install", "-q", PIP]), ...logs }, "pip upgrade");
    // [runtime] brings crontab, which EventBridge's rule scheduler needs.
    const pkg = `localstack-core[runtime]==${LOCALSTACK_VERSION}`;
    const args = ["install", "-q", `--uploaded-prior-to=${RELEASED_BEFORE}`, pkg];
    await run({ ...pip(args), ...logs }, "pip install localstack-core");
  });
}

/**
 * Lambda without Docker: our executor (packages/services/lambda-executor) runs each execution
 * environment as a host `node` of the runtime's major version.
 */
async function lambdaEnvironment(c: ServicesConfig, log: Log): Promise<Record<string, string>> {
  const nodes = await installLambdaNodes(c, log, logFile(c));
  const site = await installLambdaExecutor(c, python(c), log, logFile(c));
  return {
    PYTHONPATH: site,
    LAMBDA_RUNTIME_EXECUTOR: LAMBDA_EXECUTOR,
    GG_LAMBDA_NODE_BINARIES: JSON.stringify(nodes),
  };
}

export const localstack: Service = {
  name: "localstack",
  title: "LocalStack",
  port: (c) => c.localstackPort,
  portEnv: "GG_LOCALSTACK_PORT",
  logFile,
  readyTimeoutMs: 120_000,

  async probe(c) {
    // A timer of our own, not AbortSignal.timeout: its timer does not keep the process alive, and
    // fetch against a listener that closes every connection at once can wait forever with nothing
    // else pending, so the CLI would exit in the middle of `up`.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error("no answer within 2 s")), 2_000);
    try {
      const url = `http://${c.host}:${c.localstackPort}/_localstack/health`;
      const res = await fetch(url, { signal: abort.signal });
      if (!res.ok) return undefined;
      const health = (await res.json()) as Health;
      const up = REQUIRED.every((s) =>
        ["available", "running"].includes(health.services?.[s] ?? ""),
      );
      return up ? `LocalStack ${health.version ?? "?"}` : undefined;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  },

  async ownPid(c) {
    const pid = await livePid(pidFile(c));
    return pid && (await commandLine(pid)).includes(MAIN_MODULE) ? pid : undefined;
  },

  async install(c, log) {
    await installVenv(c, log);
    await installGatewayServer(
      join(installDir(c), "venv"),
      join(c.cacheDir, "pip"),
      logFile(c),
      log,
    );
    await lambdaEnvironment(c, log);
  },

  async start(c, log) {
    await ensureDir(stateDir(c));
    await ensureDir(join(stateDir(c), "tmp"));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: "C.UTF-8",
      GATEWAY_LISTEN: `${c.host}:${c.localstackPort}`,
      LOCALSTACK_HOST: `${c.host}:${c.localstackPort}`,
      // Ours (localstack-server.ts): twisted bound to the host above, not to 0.0.0.0.
      GATEWAY_SERVER,
      SERVICES,
      EAGER_SERVICE_LOADING: "1",
      // No DNS server, no certificate download (two 5 s timeouts offline), no analytics.
      DNS_ADDRESS: "0",
      SKIP_SSL_CERT_DOWNLOAD: "1",
      DISABLE_EVENTS: "1",
      ...TUNING,
      PERSISTENCE: "0",
      FILESYSTEM_ROOT: stateDir(c),
      // Unzipped function code and each environment's /tmp stay in this stack's state folder.
      TMPDIR: join(stateDir(c), "tmp"),
      ...(await lambdaEnvironment(c, log)),
    };
    const spec = { command: python(c), args: ["-m", MAIN_MODULE], env, logFile: logFile(c) };
    await writePid(pidFile(c), spawnDetached({ ...spec, cwd: stateDir(c) }));
  },

  async stop(c) {
    const pid = await this.ownPid(c);
    if (!pid) return false;
    await stopGroup(pid, 20_000);
    await removePid(pidFile(c));
    return true;
  },

  // A server an older `up` started on another gateway server (hypercorn, which fails older
  // boto3 PutObjects), without Lambda, with fewer services, another version of our executor or
  // other tuning is restarted once, so an upgraded clone never keeps talking to it. One that is
  // not ours and lacks a service is an error naming the fix.
  async prepare(c, log) {
    const pid = await this.ownPid(c);
    const env = pid ? await startEnv(pid) : undefined;
    if (
      pid &&
      env &&
      (env.GATEWAY_SERVER !== GATEWAY_SERVER ||
        env.LAMBDA_RUNTIME_EXECUTOR !== LAMBDA_EXECUTOR ||
        env.SERVICES !== SERVICES ||
        env.PYTHONPATH !== (await lambdaExecutorSite(c)) ||
        Object.entries(TUNING).some(([k, v]) => env[k] !== v))
    ) {
      log(`restarting our LocalStack (pid ${pid}): an older set-up started it`);
      await this.stop(c, log);
      await this.install(c, log);
      await this.start(c, log);
      const ready = await waitUntil(async () => !!(await this.probe(c)), this.readyTimeoutMs, 300);
      if (!ready) throw new StepError("LocalStack not ready after its restart", logFile(c));
    }
    const url = `http://${c.host}:${c.localstackPort}/_localstack/health`;
    const health = (await (await fetch(url)).json()) as Health;
    const lacking = CHECKED.filter(
      (name) => !["available", "running"].includes(health.services?.[name] ?? ""),
    );
    if (lacking.length > 0) {
      throw new StepError(
        `LocalStack on ${c.host}:${c.localstackPort} does not serve ${lacking.join(", ")} (started ` +
          "before they were enabled?): restart it with `pnpm services down localstack && pnpm services up`",
      );
    }
  },
};

/** The environment a process was started with. */
async function startEnv(pid: number): Promise<Record<string, string>> {
  const raw = await readFile(`/proc/${pid}/environ`, "utf8").catch(() => "");
  return Object.fromEntries(
    raw
      .split("\0")
      .filter((kv) => kv.includes("="))
      .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
}
