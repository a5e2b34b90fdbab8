// `pnpm fuzz [--doc api|control|all] [--seed N] [--max-examples N] [--max-time S] [--workers N]
// [--checks a,b|all] [--report-dir DIR] [--no-services]`: schemathesis against the API's OpenAPI
// document (`--doc control`: the control plane's; `all`: both, one after the other), each served
// on the real Postgres, Kafka and LocalStack over fresh stores.
// The one module of the fuzz runner that reads the environment and the command line.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig, services, up } from "@gg/services";
import { z } from "zod";
import { DOCUMENTS, type Document, describeOutcome, fuzzDocument } from "./fuzz";
import { DEFAULT_CHECKS } from "./schemathesis";
import { ensureSchemathesis } from "./venv";

const { values } = parseArgs({
  options: {
    doc: { type: "string" },
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
  doc: z.enum([...(Object.keys(DOCUMENTS) as Document[]), "all"]).default("api"),
  seed: z.coerce.number().int().nonnegative().default(20_240_611),
  maxExamples: z.coerce.number().int().positive().default(100),
  maxTime: z.coerce.number().int().positive().optional(),
  workers: z.coerce.number().int().min(1).max(16).default(2),
  checks: z.string().default(DEFAULT_CHECKS.join(",")),
});
const args = Args.parse({
  doc: values.doc,
  seed: values.seed ?? process.env.GG_FUZZ_SEED,
  maxExamples: values["max-examples"],
  maxTime: values["max-time"],
  workers: values.workers,
  checks: values.checks,
});
const config = loadConfig(process.env, process.getuid?.() ?? -1);
const reportDir = resolve(values["report-dir"] ?? join(tmpdir(), `gg-fuzz-${Date.now()}`));
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
const documents: Document[] = args.doc === "all" ? ["api", "control"] : [args.doc];

let code = 0;
for (const document of documents) {
  say(`${document}: ${DOCUMENTS[document]}, seed ${args.seed}; report in ${reportDir}`);
  const run = {
    document,
    bin: venv.bin,
    seed: args.seed,
    maxExamples: args.maxExamples,
    maxTimeSeconds: args.maxTime,
    workers: args.workers,
    checks: args.checks.split(","),
    reportDir,
  };
  const outcome = await fuzzDocument(run);
  for (const line of describeOutcome(outcome, run)) say(line);
  code ||= outcome.exitCode || (outcome.unhandled > 0 ? 1 : 0);
}
process.exit(code);
