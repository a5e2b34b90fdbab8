// A closed-loop HTTP load generator: `connections` keep-alive sockets, each sending its next
// request as soon as the previous answer is read, until the deadline. Small on purpose: every
// request's body differs (another image, another user), which is awkward to express in
// autocannon, and the API's own cost (a Postgres transaction per request) dwarfs node:http's.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

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
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  const start = performance.now();
  const deadline = start + o.durationMs;
  const connection = async () => {
    while (performance.now() < deadline) {
      const spec = o.next(issued++);
      const t0 = performance.now();
      const status = await send(agent, url, spec).catch(() => "error" as const);
      latencies.push(performance.now() - t0);
      if (typeof status === "number" && status >= 200 && status < 300) ok++;
      else failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: o.connections }, connection));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
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

/** One request; resolves with the status once the whole body has been read. */
function send(agent: Agent, url: URL, spec: RequestSpec): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { ...spec.headers };
    if (spec.body) headers["content-length"] = String(spec.body.length);
    const req = request(
      { agent, host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(spec.body);
  });
}
