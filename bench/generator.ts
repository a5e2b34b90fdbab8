// `pnpm bench generator [--steps 10,20,50,100,200,400] [--window 10] [--minutes 2]`
// 1. The highest rate one invocation sustains against the local API with lateness p99 < 50 ms:
//    each step is a minute planned at rate/scale and played compressed into `window` seconds, so
//    requests go out at the step's real rate and lateness is real milliseconds.
// 2. CPU time per planned event (process.cpuUsage around planning + firing; the API runs in a
//    child process, so none of its CPU is counted).
// 3. Real minutes at 150/h and 3,000/h side by side (one scheduled tick runs both streams):
//    every minute must send all its events inside the minute and finish right after it.
import { type ChildProcess, spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { bundledFood11Root, food11Index } from "@gg/traffic/images";
import { PlannerConfig, planMinute } from "@gg/traffic/plan";
import {
  bootstrap,
  createGenerator,
  generatorSettingsFromEnv,
  httpTarget,
  loadState,
  type MinuteRecord,
  runMinute,
} from "@gg/traffic/runner";
import * as Streams from "@gg/traffic/streams";
import { startLocalApi } from "./api/server";

const P99_LIMIT_MS = 50;

// Child mode: the API server, on fresh stores, until the parent closes our stdin.
if (process.env.GG_BENCH_GENERATOR_API === "1") {
  const api = await startLocalApi({ flush: "await", log: { info: () => {}, error: () => {} } });
  process.stdout.write(`${JSON.stringify({ url: api.url, databaseUrl: api.db.url })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void api.close().then(() => process.exit(0)));
}

/** The API in its own process, so the generator's CPU and event loop are measured alone. */
async function startApiProcess(): Promise<{
  url: string;
  databaseUrl: string;
  stop(): Promise<void>;
}> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bench/generator.ts"], {
    env: { ...process.env, GG_BENCH_GENERATOR_API: "1" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once("exit", (code) => reject(new Error(`API process exited with ${code}`)));
  });
  const { url, databaseUrl } = JSON.parse(line) as { url: string; databaseUrl: string };
  return {
    url,
    databaseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin?.end();
      }),
  };
}

const ms = (v: number | null) => (v === null ? "-" : v.toFixed(1));

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      steps: { type: "string", default: "10,20,50,100,200,400" },
      window: { type: "string", default: "10" },
      minutes: { type: "string", default: "2" },
      concurrency: { type: "string", default: "64" },
    },
  });
  const steps = values.steps.split(",").map(Number);
  const windowS = Number(values.window);
  const scale = 60 / windowS;
  const concurrency = Number(values.concurrency);
  const api = await startApiProcess();
  const settings = generatorSettingsFromEnv({
    DATABASE_URL: api.databaseUrl,
    GENERATOR_API_URL: api.url,
    GENERATOR_CONCURRENCY: String(concurrency),
  });
  const generator = createGenerator(settings, { log: () => {} });
  const pool = generator.pool;
  try {
    const target = httpTarget(api.url);
    const dataset = await food11Index(bundledFood11Root());
    await bootstrap({
      db: pool,
      target,
      dataset,
      seed: "bench",
      users: 100,
      images: 100,
      testAccountRate: 0.02,
    });
    console.log(
      `generator bench: API ${api.url} (own process, flush "await" as on Lambda), concurrency ${concurrency}, uniform mix`,
    );
    console.log(
      `\n1) rate steps, each a minute played in ${windowS} s (x${scale}); lateness in real ms\n`,
    );
    console.log(
      "rate/s  events  ok     failed  unsent  p50 ms  p99 ms  max ms  cpu µs/event  of which plan  p99<50ms",
    );
    let best = 0;
    let cpuAtBest = 0;
    // A warm-up minute first (not reported): module loading and JIT are a cold start's, not a rate's.
    const plannedSteps = [
      { rate: 5, report: false },
      ...steps.map((rate) => ({ rate, report: true })),
    ];
    for (const [i, { rate, report }] of plannedSteps.entries()) {
      const minute = new Date(Date.UTC(2030, 0, 1, 0, i));
      const config = PlannerConfig.parse({ rate: { base: `${rate / scale}/s` } });
      // The synthetic minute is in 2030, so every row written so far is before it.
      const seed = `bench-${rate}`;
      const state = await loadState(pool, { seed, minute, config });
      const planCpu = process.cpuUsage();
      planMinute({ seed, minute, config, state, dataset });
      const planUsed = process.cpuUsage(planCpu);
      const cpu = process.cpuUsage();
      const r = await runMinute({
        seed,
        minute,
        config,
        state,
        dataset,
        target,
        streamId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        concurrency,
        timing: { scale },
        log: () => {},
      });
      const used = process.cpuUsage(cpu);
      if (!report) continue;
      const cpuPerEvent = (used.user + used.system) / Math.max(1, r.planned);
      const planPerEvent = (planUsed.user + planUsed.system) / Math.max(1, r.planned);
      const ok = r.lateness.p99 !== null && r.lateness.p99 < P99_LIMIT_MS && r.failed === 0;
      if (ok) {
        best = rate;
        cpuAtBest = cpuPerEvent;
      }
      console.log(
        `${String(rate).padStart(6)}  ${String(r.planned).padStart(6)}  ${String(r.succeeded).padStart(5)}  ${String(r.failed).padStart(6)}  ${String(r.unsent).padStart(6)}  ${ms(r.lateness.p50).padStart(6)}  ${ms(r.lateness.p99).padStart(6)}  ${ms(r.lateness.max).padStart(6)}  ${cpuPerEvent.toFixed(0).padStart(12)}  ${planPerEvent.toFixed(0).padStart(13)}  ${ok ? "yes" : "no"}`,
      );
      if (!ok && r.failed > r.planned / 10) break;
    }
    console.log(
      `\nhighest sustained rate: ${best} events/s (p99 < ${P99_LIMIT_MS} ms, no failures); CPU ${cpuAtBest.toFixed(0)} µs per planned event there`,
    );
    await realMinutes(generator, Number(values.minutes));
  } finally {
    await generator.close();
    await api.stop();
  }
}

/** Real minutes: two streams (150/h and 3,000/h) ticked together at each boundary. */
async function realMinutes(generator: ReturnType<typeof createGenerator>, minutes: number) {
  const pool = generator.pool;
  await pool.query("UPDATE traffic_streams SET status = 'stopped' WHERE status = 'running'");
  const slow = await Streams.create(
    pool,
    Streams.StartStream.parse({ rate: "150/h", seed: "b150" }),
  );
  const fast = await Streams.create(
    pool,
    Streams.StartStream.parse({ rate: "3000/h", seed: "b3000" }),
  );
  const first = Math.ceil(Date.now() / 60_000) * 60_000;
  console.log(
    `\n2) ${minutes} real minute(s) from ${new Date(first).toISOString().slice(11, 16)} UTC, both streams in one tick\n`,
  );
  const ticks = Array.from({ length: minutes }, async (_, i) => {
    await new Promise((r) => setTimeout(r, first + i * 60_000 - Date.now()));
    return generator.tick(new Date(first + i * 60_000), { timing: { scale: 1 } });
  });
  const rows: [string, MinuteRecord][] = [];
  for (const t of await Promise.all(ticks)) {
    for (const s of t.streams) {
      if ("error" in s) throw new Error(s.error);
      rows.push([
        s.streamId === slow.stream_id ? "150/h" : s.streamId === fast.stream_id ? "3000/h" : "?",
        s.record,
      ]);
    }
  }
  console.log("minute  stream  planned  ok   failed  unsent  p99 ms  max ms  overrun ms  on time");
  for (const [name, r] of rows) {
    const onTime = r.unsent === 0 && r.failed === 0 && r.overrunMs < 1_000;
    console.log(
      `${r.minute.slice(11, 16)}   ${name.padEnd(6)}  ${String(r.planned).padStart(7)}  ${String(r.succeeded).padStart(3)}  ${String(r.failed).padStart(6)}  ${String(r.unsent).padStart(6)}  ${ms(r.lateness.p99).padStart(6)}  ${ms(r.lateness.max).padStart(6)}  ${String(r.overrunMs).padStart(10)}  ${onTime ? "yes" : "NO"}`,
    );
  }
}
