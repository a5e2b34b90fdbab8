// `pnpm bench api [--duration S] [--connections 16,32] [--scenarios views,views-hot,uploads,comments,users]
// [--users N] [--images N] [--seed N] [--pool N] [--warmup S] [--no-services]`:
// the API as a long-lived local server (its own process, flush "background") on the real
// Postgres, Kafka and LocalStack with a fresh database, bucket and topics; closed-loop load per
// scenario, with the CPU the server and its Postgres backends spent per request; then a check that Kafka holds exactly one event per successful write. In the same run,
// the database alone (bench/api/db-alone.ts): the same writes through pg at the same concurrency,
// one transaction each, and the API's throughput as a ratio of it. The last line is
//   api: comments <N>/s (<r>x db), users <M>/s (<s>x db), p99 <X> ms (16 connections)
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import * as Outbox from "@gg/core/outbox";
import { createRandom } from "@gg/core/random";
import { loadConfig, services, up } from "@gg/services";
import { z } from "zod";
import { cpuMeter } from "./api/cpu";
import { type DbAloneKind, type DbAloneResult, startDbAlone } from "./api/db-alone";
import { runLoad } from "./api/load";
import {
  dbAloneTable,
  eventTable,
  loadTable,
  type Row,
  summaryLine,
  viewTable,
} from "./api/report";
import {
  type BenchScenario,
  hotImageOf,
  labelOf,
  requestsFor,
  SCENARIOS,
  topicOf,
} from "./api/scenarios";
import { seedData } from "./api/seed";
import { type ServerInfo, storesOf } from "./api/stores";
import { verifyEvents, verifyViewCounts } from "./api/verify";
import { startChild } from "./generator/child";

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
const Options = z.object({
  duration: z.coerce.number().positive().default(20),
  // The first scenario otherwise pays for JIT, pool and producer warm-up (measured: ~2x slower).
  warmup: z.coerce.number().min(0).default(5),
  connections: z
    .string()
    .default("16,32")
    .transform((s) => list(s).map(Number))
    .pipe(z.array(z.number().int().min(1).max(512)).min(1)),
  scenarios: z
    .string()
    .default(SCENARIOS.join(","))
    .transform(list)
    .pipe(z.array(z.enum(SCENARIOS)).min(1)),
  users: z.coerce.number().int().min(1).default(50),
  images: z.coerce.number().int().min(1).default(200),
  seed: z.coerce.number().int().default(1),
  pool: z.coerce.number().int().min(1).default(10),
});

const DB_ALONE: Record<string, DbAloneKind> = { comments: "comments", users: "users" };

/** The database alone for each of comments and users the run measured, at each concurrency. */
async function runDbAlone(
  o: z.infer<typeof Options>,
  random: ReturnType<typeof createRandom>,
): Promise<DbAloneResult[]> {
  const kinds = o.scenarios.flatMap((s) => (DB_ALONE[s] ? [DB_ALONE[s]] : []));
  if (kinds.length === 0) return [];
  const db = await startDbAlone({ users: o.users, images: o.images });
  try {
    const results: DbAloneResult[] = [];
    for (const kind of kinds) {
      for (const connections of o.connections) {
        const r = random.fork(`${kind}-${connections}`);
        if (o.warmup > 0) await db.run(kind, connections, o.warmup * 1000, r.fork("warm-up"));
        results.push(await db.run(kind, connections, o.duration * 1000, r));
      }
    }
    return results;
  } finally {
    await db.close();
  }
}

/** Run the API benchmark and print its tables; exits non-zero if an event went missing. */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(
        Object.keys(Options.shape).map((k) => [k, { type: "string" as const }]),
      ),
      "no-services": { type: "boolean", default: false },
    },
  });
  const o = Options.parse(values);
  const say = (line: string) => console.log(line);
  if (!values["no-services"]) {
    const failures = await up([...services], loadConfig(process.env, process.getuid?.() ?? -1));
    if (failures.length) throw new Error(failures.map((f) => f.message).join("; "));
  }
  const server = await startChild<ServerInfo>("bench/api/server-process.ts", [String(o.pool)]);
  const api = await storesOf(server.info);
  try {
    const random = createRandom(o.seed, "bench-api");
    const runId = `${o.seed}-${Date.now().toString(36)}`;
    const database = api.database;
    const cpu = cpuMeter(server.pid, api.pool, database);
    say(
      `api bench: ${api.url} (pid ${server.pid}), database ${database}, pool ${o.pool}, seed ${o.seed}`,
    );
    // Other work on the machine skews every figure: say how busy it was.
    const loadBefore = loadavg()[0] ?? 0;
    const seed = await seedData(
      api.url,
      { users: o.users, images: o.images },
      random.fork("seed"),
      runId,
    );
    say(
      `seeded ${seed.userIds.length} users and ${seed.imageIds.length} images (${seed.photos.length} bundled JPEGs)`,
    );

    const expected: Record<string, number> = { [topicOf.uploads!]: seed.imageIds.length };
    const viewsOk = { hot: 0, all: 0 };
    const count = (scenario: BenchScenario, n: number) => {
      const topic = topicOf[scenario];
      if (topic) expected[topic] = (expected[topic] ?? 0) + n;
      if (scenario === "views-hot") viewsOk.hot += n;
      if (scenario === "views" || scenario === "views-hot") viewsOk.all += n;
    };
    const rows: Row[] = [];
    for (const scenario of o.scenarios) {
      for (const connections of o.connections) {
        const label = `${scenario}-c${connections}`;
        const next = requestsFor(scenario, seed, random.fork(label), `${runId}-${label}`);
        const load = (seconds: number) =>
          runLoad({ baseUrl: api.url, connections, durationMs: seconds * 1000, next });
        if (o.warmup > 0) count(scenario, (await load(o.warmup)).ok);
        await cpu.start();
        const result = await load(o.duration);
        const used = await cpu.read();
        count(scenario, result.ok);
        // The backlog the background flushes left when the load stopped: does the relay keep up?
        const pending = (await Outbox.backlog(api.pool)).pending;
        const perRequest = { api: used.api / result.requests, pg: used.pg / result.requests };
        rows.push({
          scenario: labelOf[scenario],
          connections,
          result,
          pendingAtStop: pending,
          cpu: perRequest,
        });
        say(
          `  ${labelOf[scenario]}, ${connections} connections: ${result.rate.toFixed(0)}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, CPU/request ${perRequest.api.toFixed(3)} ms server + ${perRequest.pg.toFixed(3)} ms Postgres, outbox pending at stop ${pending}`,
        );
        await api.drain();
      }
    }
    say("");
    say(
      `API throughput (${o.duration} s per row after ${o.warmup} s warm-up, closed loop, keep-alive; server, load and services share ${availableParallelism()} cores; 1-min load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after)`,
    );
    for (const line of loadTable(rows)) say(line);
    say("");
    const check = await verifyEvents(api, expected);
    say(
      `events: outbox pending after drain ${check.pending} (drained in ${check.drainSeconds.toFixed(1)} s)`,
    );
    for (const line of eventTable(check)) say(line);
    if (!check.ok) {
      say("MISMATCH: Kafka does not hold exactly one event per successful write");
      process.exitCode = 1;
    }
    say("");
    // (The hot image's own upload counted no view: images start at 0.)
    const counts = await verifyViewCounts(api, { hotImageId: hotImageOf(seed), ...viewsOk });
    for (const line of viewTable(counts)) say(line);
    if (counts.some((v) => v.counted !== v.expected)) {
      say("MISMATCH: images.views does not equal the views answered 2xx");
      process.exitCode = 1;
    }
    say("");
    const alone = await runDbAlone(o, random.fork("db-alone"));
    say(
      `the database alone (same Postgres, fresh database; per write one transaction through pg: BEGIN, the row${alone.some((a) => a.kind === "comments") ? " [+ its outbox event]" : ""}, COMMIT; ${o.duration} s per row after ${o.warmup} s warm-up)`,
    );
    for (const line of dbAloneTable(rows, alone)) say(line);
    const last = summaryLine(rows, alone, 16);
    if (last) say(last);
  } finally {
    await api.close();
    await server.stop();
  }
}
