// `pnpm bench dashboard [--requests 300] [--no-rule]`: the server's cost of one dashboard
// update. The page polls GET /dashboard/data every 5 s, with the API's /health beside it; here
// with a full hour on the page (two streams, 60 finished minutes each). Wall time includes the
// rule's DescribeRule on LocalStack (--no-rule leaves it out); CPU is this process's (route, pg
// client, SDK, JSON), Postgres' and LocalStack's own time excluded.
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { buildControlRuntime, ControlSettings, createControlApp } from "@gg/control";
import { createScheduleRules } from "@gg/core/schedule";
import { startTestApi } from "../test/support/api";
import { awsConfig, freshDatabase, suffix } from "../test/support/fixtures";

const KEY = "bench-key";
const silent = { info: () => {}, error: () => {} };

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: "string", default: "300" },
      // Without the schedule: the update's own cost, without DescribeRule's round trip.
      "no-rule": { type: "boolean", default: false },
    },
  });
  const n = Number(values.requests);
  const db = await freshDatabase();
  const ruleName = `gg-bench-dash-${suffix(4)}`;
  const runtime = await buildControlRuntime(
    ControlSettings.parse({
      databaseUrl: db.url,
      kafka: null,
      apiKey: KEY,
      schedule: values["no-rule"]
        ? null
        : { ruleName, targetId: "ticks", queueName: `${ruleName}-ticks`, aws: awsConfig() },
    }),
    silent,
  );
  try {
    const app = createControlApp(runtime.deps);
    const get = () => app.request("/dashboard/data", { headers: { "x-api-key": KEY } });
    for (const rate of ["150/h", "20/s"]) {
      const res = await app.request("/stream/start", {
        method: "POST",
        headers: { "x-api-key": KEY, "content-type": "application/json" },
        body: JSON.stringify({ rate, profile: { daily: true } }),
      });
      if (res.status !== 200) throw new Error(`stream/start: ${res.status}`);
    }
    // An hour of finished minutes for both streams, shaped as the runner writes them.
    await db.pool.query(
      `INSERT INTO traffic_minutes (stream_id, minute, planned, sent, succeeded, failed, lateness_p50_ms,
              lateness_p99_ms, by_kind, finished_at)
       SELECT s.id, date_trunc('minute', now()) - make_interval(mins => g), 1200, 1200, 1195, 5, 1.2, 9.5,
              '{"view":{"sent":800},"comment":{"sent":250},"upload":{"sent":80},"user":{"sent":40},"flag":{"sent":30}}',
              now()
         FROM traffic_streams s, generate_series(1, 60) g`,
    );
    // The page's other request per update: the API's /health (probes Postgres, Kafka, S3).
    const api = await startTestApi();
    try {
      console.table([
        await measure("GET /dashboard/data (control)", n, get),
        await measure("GET /health (API)", n, () => api.app.request("/health")),
      ]);
    } finally {
      await api.close();
    }
  } finally {
    await runtime.close();
    await createScheduleRules(awsConfig())
      .deleteRule(ruleName)
      .catch(() => {});
    await db.drop();
  }
}

/** Wall time percentiles and this process's CPU per request, after a warm-up of 20. */
async function measure(name: string, n: number, get: () => Promise<Response> | Response) {
  for (let i = 0; i < 20; i++) await (await get()).arrayBuffer(); // JIT, pools, SDK clients
  const walls: number[] = [];
  const cpu0 = process.cpuUsage();
  let body = "";
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await get();
    body = await res.text();
    walls.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
  }
  const cpu = process.cpuUsage(cpu0);
  walls.sort((a, b) => a - b);
  const at = (q: number) => walls[Math.min(walls.length - 1, Math.floor(q * walls.length))]!;
  return {
    request: name,
    n,
    "wall p50 ms": at(0.5).toFixed(2),
    "wall p99 ms": at(0.99).toFixed(2),
    "CPU ms/request": ((cpu.user + cpu.system) / 1000 / n).toFixed(2),
    "body bytes": body.length,
    "gzip bytes": gzipSync(body).length,
  };
}
