// CPU time of processes from /proc (Linux): the API server's, and its Postgres backends' (every
// server process of one database), so a run can say where each request's CPU went.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type { Pool } from "@gg/core/db";

// Linux reports utime and stime in clock ticks of 1/100 s on every architecture Node runs on.
const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU (user + system) `pid` has used so far; 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** A meter over one process and the Postgres backends of `database`: `read()` since `start()`. */
export function cpuMeter(pid: number, admin: Pool, database: string) {
  const backends = async () =>
    (
      await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [database],
      )
    ).rows.map((r) => r.pid);
  let start = { api: 0, pg: new Map<number, number>() };
  return {
    async start() {
      start = { api: cpuMs(pid), pg: new Map((await backends()).map((p) => [p, cpuMs(p)])) };
    },
    /** CPU ms of the server and of the backends since `start` (backends opened since count whole). */
    async read(): Promise<{ api: number; pg: number }> {
      let pg = 0;
      for (const p of new Set([...start.pg.keys(), ...(await backends())])) {
        const now = cpuMs(p);
        // A backend that exited since (its pool closed it when idle) took its count with it.
        if (now > 0) pg += now - (start.pg.get(p) ?? 0);
      }
      return { api: cpuMs(pid) - start.api, pg };
    },
  };
}

/** The process listening on TCP `port` (e.g. the Kafka broker, LocalStack), if this user sees it. */
export function pidListening(port: number): number | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (f[1]?.endsWith(`:${hex}`) && f[3] === "0A" && f[9]) inodes.add(f[9]);
    }
  }
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${d}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${d}/fd/${fd}`))?.[1];
        if (inode && inodes.has(inode)) return Number(d);
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  return undefined;
}
