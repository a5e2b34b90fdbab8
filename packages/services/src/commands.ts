import { join } from "node:path";
import { ensureDir } from "./cache";
import { connectionEnv, type ServicesConfig } from "./config";
import { kafkaLibsDir } from "./kafka-install";
import { withLock } from "./lock";
import { logger } from "./log";
import { portOpen } from "./process";
import type { Service, ServiceName } from "./service";
import { upService } from "./up";

/** One service's state, as `status` reports it. */
export interface ServiceStatus {
  name: ServiceName;
  running: boolean;
  address: string;
  version: string | undefined;
  /** The pid of the server this tool started, if any; undefined for an external one. */
  pid: number | undefined;
  logFile: string;
}

/** Serialises `up` and `down` across processes sharing one data dir. */
async function locked<T>(c: ServicesConfig, body: () => Promise<T>): Promise<T> {
  await ensureDir(c.dataDir);
  await ensureDir(c.logDir);
  const onWait = (owner: number) =>
    console.log(`waiting for another 'services' command (pid ${owner}) to finish`);
  return withLock(join(c.dataDir, ".services.lock"), onWait, body);
}

/** Starts the services in parallel; resolves with the failures (empty when all are up). */
export async function up(services: Service[], c: ServicesConfig): Promise<Error[]> {
  return locked(c, async () => {
    const results = await Promise.allSettled(services.map((s) => upService(s, c)));
    return results.flatMap((r) => (r.status === "rejected" ? [r.reason as Error] : []));
  });
}

/** Stops the servers this tool started, and only those; reports any port still held. */
export async function down(services: Service[], c: ServicesConfig): Promise<string[]> {
  return locked(c, async () => {
    const held = await Promise.all(
      services.map(async (s) => {
        const log = logger(s.name);
        log((await s.stop(c, log)) ? "stopped" : "not started by this tool: nothing to stop");
        const open = await portOpen(c.host, s.port(c));
        if (open) log(`port ${s.port(c)} still answers: not ours, left alone`);
        return open ? [`${s.name} (${c.host}:${s.port(c)})`] : [];
      }),
    );
    return held.flat();
  });
}

/** Probes every service. */
export function status(services: Service[], c: ServicesConfig): Promise<ServiceStatus[]> {
  return Promise.all(
    services.map(async (s) => {
      const version = await s.probe(c);
      return {
        name: s.name,
        running: version !== undefined,
        address: `${c.host}:${s.port(c)}`,
        version,
        pid: await s.ownPid(c),
        logFile: s.logFile(c),
      };
    }),
  );
}

/** The lines `status` prints: one per service, then where the logs and Kafka jars are. */
export function formatStatus(rows: ServiceStatus[], c: ServicesConfig): string[] {
  const lines = rows.map((r) =>
    [
      r.name.padEnd(11),
      (r.running ? "running" : "stopped").padEnd(8),
      r.address.padEnd(16),
      r.version ?? "-",
      r.running ? (r.pid ? `(pid ${r.pid})` : "(external)") : "",
    ]
      .join(" ")
      .trimEnd(),
  );
  return [...lines, `logs:       ${c.logDir}`, `kafka libs: ${kafkaLibsDir(c)}`];
}

/** `KEY=value` lines clients should use. */
export const envLines = (c: ServicesConfig) =>
  Object.entries(connectionEnv(c)).map(([k, v]) => `${k}=${v}`);
