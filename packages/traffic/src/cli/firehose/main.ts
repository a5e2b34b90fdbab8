// `tsx packages/traffic/src/cli/firehose/main.ts --scenario clickstream --duration 60 --rate max`
import { runCli } from "@gg/core/cli";
import { isAppError } from "@gg/core/errors";
import type { KafkaConnection } from "@gg/core/kafka";
import {
  type MemoryReport,
  progressLine,
  runFirehose,
  sampleMemory,
  summaryTable,
} from "../../firehose/index";
import { firehoseKafka, parseCliArgs, USAGE } from "./config";

const args = parseCliArgs(process.argv.slice(2));
if ("help" in args) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if ("error" in args) {
  // One line: what is wrong and with which flag (--help prints the usage).
  process.stderr.write(`firehose: ${args.error} (see --help)\n`);
  process.exit(2);
}
let kafka: KafkaConnection;
try {
  kafka = firehoseKafka();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}

const abort = new AbortController();
process.once("SIGINT", () => abort.abort());
process.once("SIGTERM", () => abort.abort());

const tty = process.stderr.isTTY === true;
let lastPlain = 0;
const memory: MemoryReport | undefined = args.reportMemory
  ? { startRss: process.memoryUsage.rss(), warmRss: 0, endRss: 0, peakRss: 0 }
  : undefined;
runCli(
  async () => {
    const result = await runFirehose(args.options, {
      kafka: { ...kafka, clientId: "gourmetgram-firehose" },
      signal: abort.signal,
      onProgress: (p) => {
        if (memory) sampleMemory(memory, p.elapsedMs, process.memoryUsage.rss());
        // A terminal gets one line redrawn in place; a log file gets a plain line every 5 s.
        if (tty) process.stderr.write(`\r\x1b[2K${progressLine(p)}`);
        else if (p.elapsedMs - lastPlain >= 5_000) {
          lastPlain = p.elapsedMs;
          process.stderr.write(`${progressLine(p)}\n`);
        }
      },
    });
    if (memory) memory.endRss = process.memoryUsage.rss();
    if (tty) process.stderr.write("\n");
    process.stdout.write(`${summaryTable(result, memory)}\n`);
    return 0;
  },
  (e) => {
    if (tty) process.stderr.write("\n");
    process.stderr.write(
      `firehose failed: ${isAppError(e) ? `${e.code}: ${e.message}` : String(e)}\n`,
    );
    return 1;
  },
);
