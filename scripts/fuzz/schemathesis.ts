// One schemathesis run against a served OpenAPI document, and what its JSON report says.
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** No 5xx, and every answer is one the document declares (status, content type, body schema). */
export const DEFAULT_CHECKS = [
  "not_a_server_error",
  "status_code_conformance",
  "content_type_conformance",
  "response_schema_conformance",
] as const;

export interface FuzzOptions {
  /** The API's base URL; the document is at `<baseUrl>/openapi.json`. */
  baseUrl: string;
  seed: number;
  /** Cases per operation and phase: the bound that makes a run finish. */
  maxExamples: number;
  /** An extra cap on the whole run, in seconds (schemathesis repeats fuzzing until it is spent). */
  maxTimeSeconds?: number;
  workers: number;
  checks: readonly string[];
  reportDir: string;
}

/** The command line for `schemathesis run`. */
export function schemathesisArgs(o: FuzzOptions): string[] {
  return [
    "run",
    `${o.baseUrl}/openapi.json`,
    `--checks=${o.checks.join(",")}`,
    `--max-examples=${o.maxExamples}`,
    `--seed=${o.seed}`,
    `--workers=${o.workers}`,
    // All failures of a run, not just the first per operation: a report should be complete.
    "--continue-on-failure",
    "--request-timeout=30",
    "--report=json,junit",
    `--report-dir=${o.reportDir}`,
    ...(o.maxTimeSeconds ? [`--max-time=${o.maxTimeSeconds}`] : []),
  ];
}

/** Runs schemathesis with its output on this terminal; resolves with its exit code. */
export function runSchemathesis(bin: string, args: string[], killAfterMs: number) {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "inherit", "inherit"] });
    // A hard stop in case a hung request or a bug defeats --max-examples.
    const timer = setTimeout(() => child.kill("SIGTERM"), killAfterMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 124 : 1));
    });
  });
}

export interface FuzzSummary {
  /** Test cases generated and sent. */
  cases: number;
  casesWithFailures: number;
  uniqueFailures: number;
  errored: number;
  /** `ST101 Server error: 1 (POST /flags)` and the like. */
  failures: string[];
  seconds: number;
  reportFile: string;
}

interface JsonReport {
  running_time: number;
  test_cases: {
    generated: number;
    with_failures: number;
    unique_failures: number;
    errored: number;
  };
  failures: { code: string; title: string; count: number; operations: string[] }[];
}

/** Reads the JSON report schemathesis wrote into `reportDir`. */
export async function readSummary(reportDir: string): Promise<FuzzSummary> {
  const name = (await readdir(reportDir))
    .filter((f) => /^json-.*\.json$/.test(f))
    .sort()
    .pop();
  if (!name) throw new Error(`schemathesis wrote no JSON report into ${reportDir}`);
  const reportFile = join(reportDir, name);
  const r = JSON.parse(await readFile(reportFile, "utf8")) as JsonReport;
  return {
    cases: r.test_cases.generated,
    casesWithFailures: r.test_cases.with_failures,
    uniqueFailures: r.test_cases.unique_failures,
    errored: r.test_cases.errored,
    failures: r.failures.map(
      (f) => `${f.code} ${f.title}: ${f.count} (${f.operations.join(", ")})`,
    ),
    seconds: r.running_time,
    reportFile,
  };
}
