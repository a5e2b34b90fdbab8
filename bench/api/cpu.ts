// CPU time of processes from /proc (Linux): the API server's, and its Postgres backends' (every
// server process of one database), so a run can say where each request's CPU went.
import { readFileSync } from "node:fs";
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
