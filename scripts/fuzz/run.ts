// `pnpm fuzz [--seed N] [--max-examples N] [--max-time S] [--workers N] [--checks a,b]
// [--report-dir DIR] [--no-services]`: schemathesis against the API's own OpenAPI document, on
// the real Postgres, Kafka and LocalStack, with a fresh database, bucket and topics.
// The one module of the fuzz runner that reads the environment and the command line.
import { appendFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Logger } from "@gg/api";
import { loadConfig, services, up } from "@gg/services";
import { z } from "zod";
import { startLocalApi } from "../../bench/api/server";
import { DEFAULT_CHECKS, readSummary, runSchemathesis, schemathesisArgs } from "./schemathesis";
import { ensureSchemathesis } from "./venv";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    "max-examples": { type: "string" },
    "max-time": { type: "string" },
    workers: { type: "string" },
    checks: { type: "string" },
    "report-dir": { type: "string" },
    "no-services": { type: "boolean", default: false },
  },
});
const Args = z.object({
  seed: z.coerce.number().int().nonnegative().default(20_240_611),
  maxExamples: z.coerce.number().int().positive().default(100),
  maxTime: z.coerce.number().int().positive().optional(),
  workers: z.coerce.number().int().min(1).max(16).default(2),
  checks: z.string().default(DEFAULT_CHECKS.join(",")),
});
const args = Args.parse({
  seed: values.seed ?? process.env.GG_FUZZ_SEED,
  maxExamples: values["max-examples"],
  maxTime: values["max-time"],
  workers: values.workers,
  checks: values.checks,
});
const config = loadConfig(process.env, process.getuid?.() ?? -1);
const reportDir = values["report-dir"] ?? join(tmpdir(), `gg-fuzz-${Date.now()}`);
mkdirSync(reportDir, { recursive: true });
const say = (line: string) => console.log(`fuzz: ${line}`);

if (!values["no-services"]) {
  const failures = await up([...services], config);
  if (failures.length) {
    for (const f of failures) console.error(`fuzz: ${f.message}`);
    process.exit(1);
  }
}
const venv = await ensureSchemathesis(config.cacheDir, say);

// The server's log goes to a file (it would interleave with schemathesis' output); its
// unhandled errors are counted, as the server's own evidence of any 5xx.
const apiLog = join(reportDir, "api.log");
let unhandled = 0;
const log: Logger = {
  info: (message, fields) => appendFileSync(apiLog, `${JSON.stringify({ message, ...fields })}\n`),
  error: (message, fields) => {
    if (message === "unhandled error") unhandled++;
    appendFileSync(apiLog, `${JSON.stringify({ level: "error", message, ...fields })}\n`);
  },
};
const api = await startLocalApi({ flush: "background", log });
say(`API on ${api.url} (database ${api.db.name}); seed ${args.seed}; report in ${reportDir}`);

let code = 1;
try {
  const st = schemathesisArgs({
    baseUrl: api.url,
    seed: args.seed,
    maxExamples: args.maxExamples,
    maxTimeSeconds: args.maxTime,
    workers: args.workers,
    checks: args.checks.split(","),
    reportDir,
  });
  const killAfterMs = ((args.maxTime ?? 900) + 120) * 1000;
  code = await runSchemathesis(venv.bin, st, killAfterMs);
  const s = await readSummary(reportDir);
  say(
    `${s.cases} cases in ${s.seconds.toFixed(1)} s (seed ${args.seed}, max ${args.maxExamples} per operation and phase)`,
  );
  say(`${s.casesWithFailures} with failures, ${s.uniqueFailures} unique, ${s.errored} errored`);
  for (const f of s.failures) say(`  ${f}`);
  say(`API unhandled errors (5xx): ${unhandled}; server log ${apiLog}`);
  if (unhandled > 0) code ||= 1;
} finally {
  await api.close();
}
process.exit(code);
