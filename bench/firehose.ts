// `pnpm bench firehose [--seconds 60]`: acked events/s of the firehose into the local broker,
// beside Kafka's own ProducerPerformance with the same record count, value size and acks, and the
// CPU cost of generation alone. Fresh topics per run (random suffix), deleted afterwards.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { clickstreamTopicNames, createKafka, deleteTopics, ensureTopics } from "@gg/core/kafka";
import { kafkaLibsDir, loadConfig } from "@gg/services";
import {
  type FirehoseResult,
  type MemoryReport,
  progressLine,
  runFirehose,
  sampleMemory,
} from "@gg/traffic/firehose";

const tty = process.stderr.isTTY === true;
let lastPlain = -Infinity;
/** A live line on a terminal; a plain line every 5 s in a log. */
function status(line: string, elapsedMs: number): void {
  if (tty) process.stderr.write(`\r\x1b[2K${line}`);
  else if (elapsedMs - lastPlain >= 5_000) {
    lastPlain = elapsedMs;
    process.stderr.write(`${line}\n`);
  }
}

const int = (x: number) => Math.round(x).toLocaleString("en-US");
const fixed = (x: number, d = 1) => x.toFixed(d);

/** Entry point called by bench/cli.ts. */
export async function run(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      seconds: { type: "string", default: "60" },
      threads: { type: "string", default: "1" },
      batch: { type: "string", default: "1000" },
      "in-flight": { type: "string", default: "8" },
      partitions: { type: "string", default: "6" },
      "pp-batch-size": { type: "string", default: "262144" },
      "pp-linger-ms": { type: "string", default: "5" },
      "skip-pp": { type: "boolean", default: false },
      seed: { type: "string", default: "20261123" },
    },
  });
  const seconds = Number(v.seconds);
  const partitions = Number(v.partitions);
  const services = loadConfig(process.env, process.getuid?.() ?? -1);
  const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${services.kafkaPort}`).split(",");
  const kafka = createKafka({ brokers, clientId: "gg-bench-firehose", logLevel: "error" });
  const suffix = randomBytes(4).toString("hex");
  const ours = `bench.firehose.${suffix}`;
  const theirs = `bench.pp.${suffix}`;

  await ensureTopics(kafka, [ours, theirs], { numPartitions: partitions });
  try {
    // 1. The firehose, interactions only, so every record is the ~500-byte kind. First, so that
    // its RSS is the firehose's own: the generation measurement below builds a world and its
    // garbage on this thread, which the firehose's main thread never does.
    const memory: MemoryReport = {
      startRss: process.memoryUsage.rss(),
      warmRss: 0,
      endRss: 0,
      peakRss: 0,
    };
    let steady: { cpu: NodeJS.CpuUsage; events: number } | undefined;
    const result = await runFirehose(
      {
        scenario: "clickstream",
        seed: v.seed,
        kinds: ["interactions"],
        topics: { interactions: ours },
        durationSec: seconds,
        threads: Number(v.threads),
        batchSize: Number(v.batch),
        maxInFlight: Number(v["in-flight"]),
        partitions,
      },
      {
        kafka: { brokers, clientId: "gg-bench-firehose", logLevel: "error" },
        progressMs: 500,
        onProgress: (p) => {
          // CPU from the first acknowledgement on: thread starts, module loads and world builds
          // (seconds of CPU) would otherwise dominate a short run's CPU per event.
          if (p.events > 0 && steady === undefined)
            steady = { cpu: process.cpuUsage(), events: p.events };
          sampleMemory(memory, p.elapsedMs, process.memoryUsage.rss());
          status(`firehose ${progressLine(p)}`, p.elapsedMs);
        },
      },
    );
    memory.endRss = process.memoryUsage.rss();
    // Every thread's CPU (getrusage of the process), per event acknowledged while running.
    const cpu = process.cpuUsage(steady?.cpu);
    const cpuUsPerEvent =
      (cpu.user + cpu.system) / Math.max(1, result.events - (steady?.events ?? 0));
    if (tty) process.stderr.write("\n");

    // 2. Generation alone: clickstream interactions (~500-byte JSON), one thread, no Kafka.
    const gen = await measureGeneration(v.seed);
    console.error(
      `generation alone: ${fixed(gen.usPerEvent, 2)} µs/event of CPU, values ${int(gen.meanValueBytes)} B`,
    );

    // 3. The yardstick: the same count, value size and acks from the JVM client.
    const recordSize = Math.round(gen.meanValueBytes);
    const ppProps = [`batch.size=${v["pp-batch-size"]}`, `linger.ms=${v["pp-linger-ms"]}`];
    const pp = v["skip-pp"]
      ? undefined
      : await producerPerformance(kafkaLibsDir(services), brokers, theirs, {
          records: result.events,
          recordSize,
          props: ppProps,
        });
    console.log(table(result, gen, pp, memory, { recordSize, partitions, ppProps, cpuUsPerEvent }));
    // The figures the floor is about, on one line for outside checks.
    console.log(
      `firehose: ${int(result.eventsPerSec)} acked events/s, RSS peak ${fixed(memory.peakRss / 1e6)} MB`,
    );
  } finally {
    await deleteTopics(kafka, [ours, theirs]);
  }
}

interface Generation {
  usPerEvent: number;
  meanValueBytes: number;
}

// Loads the generators into this thread only now, after the firehose's RSS was measured.
async function measureGeneration(seed: string): Promise<Generation> {
  const { createFirehoseSource } = await import(
    "../packages/traffic/src/scenarios/clickstream/firehose-source"
  );
  const source = createFirehoseSource({
    seed,
    label: 99,
    topicNames: clickstreamTopicNames(),
    kinds: ["interactions"],
    startMs: Date.now(),
  });
  for (let i = 0; i < 20; i++) source.next(5_000, Date.now()); // warm up the JIT
  let events = 0;
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < 3_000) {
    for (const r of source.next(5_000, Date.now())) bytes += r.value.length;
    events += 5_000;
  }
  const cpu = process.cpuUsage(cpu0);
  return { usPerEvent: (cpu.user + cpu.system) / events, meanValueBytes: bytes / events };
}

interface PerfResult {
  records: number;
  perSec: number;
  mbPerSec: number;
  line: string;
}

/** Runs Kafka's ProducerPerformance and parses its summary line. */
async function producerPerformance(
  libs: string,
  brokers: string[],
  topic: string,
  o: { records: number; recordSize: number; props: string[] },
): Promise<PerfResult> {
  const args = [
    "-Xmx512m",
    "-cp",
    `${libs}/*`,
    "org.apache.kafka.tools.ProducerPerformance",
    ...[
      "--topic",
      topic,
      "--num-records",
      String(o.records),
      "--record-size",
      String(o.recordSize),
    ],
    ...["--throughput", "-1", "--producer-props", `bootstrap.servers=${brokers.join(",")}`],
    ...["acks=all", ...o.props],
  ];
  console.error(`ProducerPerformance: ${int(o.records)} records of ${o.recordSize} B`);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    let errors = "";
    // Kept for a failure message; log4j's "no configuration" warnings are its usual content.
    child.stderr.on("data", (d: Buffer) => {
      errors = (errors + d.toString()).slice(-2_000);
    });
    child.stdout.on("data", (d: Buffer) => {
      text += d.toString();
      // Its own progress lines, every 5 s, as they come.
      process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(text)
        : reject(new Error(`ProducerPerformance exited ${code}: ${errors.trim()}`)),
    );
  });
  const line = out.trim().split("\n").at(-1) ?? "";
  const m = /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(line);
  if (!m) throw new Error(`could not parse ProducerPerformance output: ${line}`);
  return { records: Number(m[1]), perSec: Number(m[2]), mbPerSec: Number(m[3]), line };
}

function table(
  r: FirehoseResult,
  gen: Generation,
  pp: PerfResult | undefined,
  mem: MemoryReport,
  o: { recordSize: number; partitions: number; ppProps: string[]; cpuUsPerEvent: number },
): string {
  const mb = (b: number) => `${fixed(b / 1e6)} MB`;
  const rows: [string, string, string][] = [
    ["", "firehose (ours)", "ProducerPerformance"],
    ["client", "@platformatic/kafka, acks=all", `Java ${o.ppProps.join(" ")} acks=all`],
    ["records", int(r.events), pp ? int(pp.records) : "-"],
    // Interactions key by their 36-character uuid; ProducerPerformance sends no key.
    [
      "mean value size",
      `${int(r.meanRecordBytes - 36)} B (+36 B key)`,
      `${o.recordSize} B, no key`,
    ],
    ["acked events/s", int(r.eventsPerSec), pp ? int(pp.perSec) : "-"],
    ["MB/s", fixed(r.mbPerSec), pp ? fixed(pp.mbPerSec) : "-"],
    ["ratio ours/theirs", pp ? fixed(r.eventsPerSec / pp.perSec, 2) : "-", ""],
    ["errors", int(r.errors), ""],
    ["lanes / partitions", `${r.lanes} / ${o.partitions}`, `1 / ${o.partitions}`],
    ["CPU per acked event", `${fixed(o.cpuUsPerEvent, 2)} µs (all threads, after 1st ack)`, ""],
    ["generation alone", `${fixed(gen.usPerEvent, 2)} µs/event CPU`, ""],
    ["  events/s per core", int(1e6 / gen.usPerEvent), ""],
    ["RSS start / 10 s / end", `${mb(mem.startRss)} / ${mb(mem.warmRss)} / ${mb(mem.endRss)}`, ""],
    ["RSS peak", mb(mem.peakRss), ""],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows.map((row) => row.map((c, i) => c.padEnd(w[i] ?? 0)).join("  ")).join("\n");
}
