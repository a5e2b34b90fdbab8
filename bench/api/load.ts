// A closed-loop HTTP load generator: `connections` keep-alive sockets, each sending its next
// request as soon as the previous answer is read, until the deadline. Small on purpose: every
// request's body differs (another image, another user), which is awkward to express in
// autocannon. Its sockets are raw (raw-http.ts): node:http's client would spend as much CPU per
// request as the server it measures, on the same two cores.
import { performance } from "node:perf_hooks";
import { type RawConnection, type RequestSpec, rawConnection } from "./raw-http";

export interface LoadOptions {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  connections: number;
  durationMs: number;
  /** The i-th request of the run (i counts across connections). */
  next(i: number): RequestSpec;
}

export interface LoadResult {
  requests: number;
  /** Answers with a 2xx status. */
  ok: number;
  /** Status code (or "error" for a socket failure) → count, for everything not 2xx. */
  failures: Record<string, number>;
  seconds: number;
  /** 2xx answers per second. */
  rate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Drive the server for `durationMs` and measure throughput and latency (ms, 2xx and not). */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.baseUrl);
  const port = Number(url.port);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  const start = performance.now();
  const deadline = start + o.durationMs;
  const connection = async () => {
    let socket: RawConnection | undefined;
    while (performance.now() < deadline) {
      const spec = o.next(issued++);
      const t0 = performance.now();
      const status = await (async () => {
        socket ??= await rawConnection(url.hostname, port);
        return socket.send(spec);
      })().catch(() => {
        socket?.close();
        socket = undefined;
        return "error" as const;
      });
      latencies.push(performance.now() - t0);
      if (typeof status === "number" && status >= 200 && status < 300) ok++;
      else failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    }
    socket?.close();
  };
  await Promise.all(Array.from({ length: o.connections }, connection));
  const seconds = (performance.now() - start) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    ok,
    failures,
    seconds,
    rate: ok / seconds,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
  };
}

/** Nearest-rank quantile of sorted values. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
