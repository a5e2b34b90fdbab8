import { performance } from "node:perf_hooks";
import type { ServicesConfig } from "./config";
import { type Log, logger, timed } from "./log";
import { portOpen, StepError, waitUntil } from "./process";
import type { Service } from "./service";

/** How long a server may be without a live process during start before we call it dead. */
const SPAWN_GRACE_MS = 5_000;

/** Waits until the service answers its real readiness probe, failing fast if it died. */
async function waitReady(s: Service, c: ServicesConfig, log: Log): Promise<string> {
  const started = performance.now();
  let version: string | undefined;
  let died = false;
  const ready = await waitUntil(
    async () => {
      version = await s.probe(c);
      if (version) return true;
      died = performance.now() - started > SPAWN_GRACE_MS && !(await s.ownPid(c));
      return died;
    },
    s.readyTimeoutMs,
    300,
  );
  if (died) throw new StepError(`${s.title} exited during startup`, s.logFile(c));
  if (!ready || !version) {
    throw new StepError(`${s.title} not ready after ${s.readyTimeoutMs / 1000}s`, s.logFile(c));
  }
  log(`ready: ${version}`);
  return version;
}

/**
 * Brings one service up: reuses whatever already answers on its port (ours or, e.g., a compose
 * container), refuses a port held by something else, otherwise installs, starts and waits.
 * Returns the version that answers.
 */
export async function upService(s: Service, c: ServicesConfig): Promise<string> {
  const log = logger(s.name);
  const where = `${c.host}:${s.port(c)}`;
  let version = await s.probe(c);
  const pid = await s.ownPid(c);
  if (version) {
    log(`already running on ${where}: ${version} (${pid ? `ours, pid ${pid}` : "external"})`);
  } else if (pid) {
    // Ours but not answering yet (an interrupted `up`, or still recovering): never start twice.
    log(`our server (pid ${pid}) is not answering yet; waiting`);
    version = await waitReady(s, c, log);
  } else if (await portOpen(c.host, s.port(c))) {
    throw new StepError(
      `port ${where} is in use but does not answer as ${s.title}: ` +
        `stop whatever listens there (ss -ltnp) or set ${s.portEnv}`,
    );
  } else {
    await timed(log, "install", () => s.install(c, log));
    version = await timed(log, `start on ${where}`, async () => {
      await s.start(c, log);
      return waitReady(s, c, log);
    });
  }
  if (s.prepare) await s.prepare(c, log);
  return version;
}
