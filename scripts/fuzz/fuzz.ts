// One fuzz run of one document: its server on the real services (fresh stores), schemathesis over
// the document it serves, the JSON report read back, and the server's own count of 5xx.
// Shared by `pnpm fuzz` and the suite's fuzz step.
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "@gg/http";
import { startLocalApi } from "../../bench/api/server";
import { startLocalControl } from "./control-server";
import {
  type FuzzOptions,
  type FuzzSummary,
  readForgiven,
  readSummary,
  runSchemathesis,
  schemathesisArgs,
} from "./schemathesis";

/** The two documents: the GourmetGram API's and the traffic control plane's. */
export const DOCUMENTS = {
  api: "/openapi.json",
  control: "/control/openapi.json",
} as const;
export type Document = keyof typeof DOCUMENTS;

/** What a run asks for; `reportDir` also holds the server's log and, with `quiet`, the output. */
export interface FuzzRun
  extends Pick<
    FuzzOptions,
    "seed" | "maxExamples" | "maxTimeSeconds" | "workers" | "checks" | "reportDir"
  > {
  document: Document;
  /** The `schemathesis` executable (scripts/fuzz/venv.ts). */
  bin: string;
  /** Schemathesis' output into `<reportDir>/<document>-schemathesis.log`, not this terminal. */
  quiet?: boolean;
}

export interface FuzzOutcome {
  document: Document;
  exitCode: number;
  summary: FuzzSummary;
  /** Errors the server logged as unhandled: its own evidence of any 5xx. */
  unhandled: number;
  /** Schema-valid requests refused for a rule OpenAPI cannot state (hooks.py), by rule. */
  forgiven: Record<string, number>;
  serverLog: string;
  output?: string;
}

const here = fileURLToPath(new URL(".", import.meta.url));

/** Serve `run.document` on the real services, fuzz it, tear the server down. */
export async function fuzzDocument(run: FuzzRun): Promise<FuzzOutcome> {
  // The server's log goes to a file (it would interleave with schemathesis' output).
  const serverLog = join(run.reportDir, `${run.document}-server.log`);
  let unhandled = 0;
  const log: Logger = {
    info: (message, fields) =>
      appendFileSync(serverLog, `${JSON.stringify({ message, ...fields })}\n`),
    error: (message, fields) => {
      if (message === "unhandled error") unhandled++;
      appendFileSync(serverLog, `${JSON.stringify({ level: "error", message, ...fields })}\n`);
    },
  };
  const server =
    run.document === "api"
      ? await startLocalApi({ flush: "background", log })
      : await startLocalControl(log);
  const reportDir = join(run.reportDir, run.document);
  mkdirSync(reportDir, { recursive: true });
  const output = run.quiet ? join(run.reportDir, `${run.document}-schemathesis.log`) : undefined;
  const forgivenFile = join(run.reportDir, `${run.document}-forgiven.jsonl`);
  try {
    const args = schemathesisArgs({
      baseUrl: server.url,
      documentPath: DOCUMENTS[run.document],
      configFile: join(here, "schemathesis.toml"),
      seed: run.seed,
      maxExamples: run.maxExamples,
      maxTimeSeconds: run.maxTimeSeconds,
      workers: run.workers,
      checks: run.checks,
      reportDir,
    });
    const killAfterMs = ((run.maxTimeSeconds ?? 900) + 120) * 1000;
    const exitCode = await runSchemathesis(run.bin, args, {
      killAfterMs,
      hooksDir: here,
      forgivenFile,
      workDir: reportDir,
      ...(output ? { outputFile: output } : {}),
    });
    const summary = await readSummary(reportDir);
    const forgiven = await readForgiven(forgivenFile);
    return { document: run.document, exitCode, summary, unhandled, forgiven, serverLog, output };
  } finally {
    await server.close();
  }
}

/** The lines that say what a run found. */
export function describeOutcome(o: FuzzOutcome, run: Pick<FuzzRun, "seed" | "maxExamples">) {
  const s = o.summary;
  return [
    `${o.document}: ${s.cases} cases in ${s.seconds.toFixed(1)} s (seed ${run.seed}, max ${run.maxExamples} per operation and phase)`,
    `${o.document}: ${s.casesWithFailures} with failures, ${s.uniqueFailures} unique, ${s.errored} errored`,
    ...s.failures.map((f) => `${o.document}:   ${f}`),
    ...s.errors.map((e) => `${o.document}:   error of the run: ${e}`),
    ...Object.entries(o.forgiven).map(
      ([rule, n]) => `${o.document}: forgiven (a rule OpenAPI cannot state): ${n} x "${rule}"`,
    ),
    `${o.document}: server unhandled errors (5xx): ${o.unhandled}; server log ${o.serverLog}`,
  ];
}
