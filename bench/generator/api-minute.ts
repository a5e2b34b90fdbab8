// `pnpm bench generator`'s API step: one whole real-time minute of the `realistic` mix at `rate`
// events/s, fired by this process at the local API (its own process, bench/api/server-process.ts)
// on the real Postgres, Kafka and LocalStack S3 (uploads are real objects). Then the checks:
// lateness p99 < 50 ms, every planned event succeeded once, and rows and Kafka events equal to the
// plan by kind. It also says where the CPU went per event: the API, its Postgres backends, the
// Kafka broker, LocalStack, the generator (the broker and LocalStack are shared: others' work on
// them counts too). Everything runs on the same machine.

import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import * as Outbox from "@gg/core/outbox";
import { monotonicClock } from "@gg/core/time";
import { bootstrap, gourmetgramScenario, httpTarget } from "@gg/traffic/gourmetgram";
import type { ImageIndex } from "@gg/traffic/gourmetgram/images";
import { runStreamMinute } from "@gg/traffic/minute";
import { stack } from "../../test/support/stack";
import { cpuMeter, cpuMs, pidListening } from "../api/cpu";
import { topicCounts } from "../api/server";
import { type ServerInfo, storesOf } from "../api/stores";
import { startChild } from "./child";

const P99_LIMIT_MS = 50;
const KINDS = ["user", "upload", "view", "comment", "flag"] as const;
type Kind = (typeof KINDS)[number];
const TOPIC: Record<Exclude<Kind, "user">, string> = {
  upload: "gourmetgram.uploads",
  view: "gourmetgram.views",
  comment: "gourmetgram.comments",
  flag: "gourmetgram.flags",
};

export interface ApiMinuteOptions {
  rate: number;
  seconds?: number;
  /** Requests in flight at most (the generator's concurrency). */
  concurrency: number;
  dataset: ImageIndex;
}

/** Runs the step and prints its table; true when every check passed. */
export async function runApiMinute(o: ApiMinuteOptions): Promise<boolean> {
  const seconds = o.seconds ?? 60;
  const server = await startChild<ServerInfo>("bench/api/server-process.ts", ["16"]);
  const stores = await storesOf(server.info);
  const target = httpTarget(server.info.url, undefined, { connections: o.concurrency });
  try {
    await bootstrap({
      db: stores.pool,
      target,
      dataset: o.dataset,
      seed: "bench-api-minute",
      users: 500,
      images: 500,
      testAccountRate: 0.02,
    });
    const rows = async (): Promise<Record<Kind, number>> => {
      const { rows: r } = await stores.pool.query<Record<Kind, number>>(
        `SELECT (SELECT count(*) FROM users)::int AS user, (SELECT count(*) FROM images)::int AS upload,
                (SELECT coalesce(sum(views), 0) FROM images)::int AS view,
                (SELECT count(*) FROM comments)::int AS comment, (SELECT count(*) FROM flags)::int AS flag`,
      );
      return r[0] as Record<Kind, number>;
    };
    const events = async () => {
      const counts = stores.kafka ? await topicCounts(stores.kafka, stores.topics) : {};
      return (kind: Exclude<Kind, "user">) => counts[stores.topicPrefix + TOPIC[kind]] ?? 0;
    };
    await drainAll(stores);
    const before = { rows: await rows(), events: await events() };

    const cpu = cpuMeter(server.pid, stores.pool, stores.database);
    const port = (hostPort: string) => Number(hostPort.slice(hostPort.lastIndexOf(":") + 1));
    const shared = [
      pidListening(port(stack.kafkaBrokers[0] ?? "")),
      pidListening(Number(new URL(stack.awsEndpoint).port)),
    ];
    const sharedBefore = shared.map((pid) => (pid ? cpuMs(pid) : 0));
    await cpu.start();
    const own = process.cpuUsage();
    const clock = monotonicClock();
    const record = await runStreamMinute(
      gourmetgramScenario({ target, dataset: async () => o.dataset, concurrency: o.concurrency }),
      {
        db: stores.pool,
        stream: {
          stream_id: randomUUID(),
          started_at: new Date().toISOString(),
          // A minute at `rate` per second, played in `seconds` (60: real time).
          config: { rate: `${(o.rate * seconds) / 60}/s`, mix: "realistic", seed: "bench-api" },
        },
        minute: new Date(Math.ceil(Date.now() / 60_000) * 60_000),
        timing: { startAt: clock.now() + 200, scale: 60 / seconds },
        clock,
        log: () => {},
      },
    );
    const used = await cpu.read();
    const generator = process.cpuUsage(own);
    const sharedUsed = shared.map((pid, i) => (pid ? cpuMs(pid) - (sharedBefore[i] ?? 0) : NaN));
    await drainAll(stores);
    const after = { rows: await rows(), events: await events() };

    const per = (ms: number) => (ms / Math.max(1, record.sent)).toFixed(3);
    console.log(
      `\n3) the realistic mix at the local API: ${o.rate} events/s for ${seconds} s (API in its own process, real Postgres, Kafka, LocalStack S3; concurrency ${o.concurrency})\n`,
    );
    console.log("  kind     planned  succeeded  rows  kafka events");
    const mismatches: string[] = [];
    for (const kind of KINDS) {
      const planned = record.byKind[kind]?.planned ?? 0;
      const ok = record.byKind[kind]?.succeeded ?? 0;
      const rowDelta = after.rows[kind] - before.rows[kind];
      const eventDelta = kind === "user" ? undefined : after.events(kind) - before.events(kind);
      if (ok !== planned || rowDelta !== planned || (eventDelta ?? planned) !== planned) {
        mismatches.push(kind);
      }
      console.log(
        `  ${kind.padEnd(7)}  ${String(planned).padStart(7)}  ${String(ok).padStart(9)}  ${String(rowDelta).padStart(4)}  ${String(eventDelta ?? "-").padStart(12)}`,
      );
    }
    const p99 = record.lateness.p99;
    console.log(
      `\n  lateness p50 ${record.lateness.p50?.toFixed(1)} ms, p99 ${p99?.toFixed(1)} ms, max ${record.lateness.max?.toFixed(1)} ms; failed ${record.failed}, duplicate ${record.duplicate}, retried ${record.retried}, unsent ${record.unsent}`,
    );
    console.log(
      `  CPU per event: API ${per(used.api)} ms, its Postgres backends ${per(used.pg)} ms, Kafka broker ${per(sharedUsed[0] ?? NaN)} ms, LocalStack ${per(sharedUsed[1] ?? NaN)} ms (both shared), generator ${per((generator.user + generator.system) / 1000)} ms`,
    );
    const pass =
      p99 !== null &&
      p99 < P99_LIMIT_MS &&
      record.failed === 0 &&
      record.duplicate === 0 &&
      record.succeeded === record.planned &&
      mismatches.length === 0;
    console.log(
      `api step: ${o.rate} events/s realistic for ${seconds} s, lateness p99 ${p99?.toFixed(1)} ms, ${record.succeeded} of ${record.planned} succeeded once, rows and Kafka events ${mismatches.length ? `differ from the plan for ${mismatches.join(", ")}` : "equal the plan by kind"}: ${pass ? "pass" : "FAIL"}`,
    );
    return pass;
  } finally {
    await target.close();
    await stores.close();
    await server.stop();
  }
}

/** Publishes everything the outbox holds (the server's relay may be busy: retry a while). */
async function drainAll(stores: Awaited<ReturnType<typeof storesOf>>) {
  for (let i = 0; i < 300; i++) {
    await stores.drain();
    if ((await Outbox.backlog(stores.pool)).pending === 0) return;
    await sleep(200);
  }
}
