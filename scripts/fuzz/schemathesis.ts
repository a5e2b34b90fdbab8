// One schemathesis run against a served OpenAPI document, and what its JSON report says.
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
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
  /** The server's base URL. */
  baseUrl: string;
  /** The document's path on that server: `/openapi.json`, `/control/openapi.json`. */
  documentPath: string;
  /** schemathesis.toml: the narrow per-operation settings of the checks. */
  configFile: string;
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
    `--config-file=${o.configFile}`,
    "run",
    `${o.baseUrl}${o.documentPath}`,
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

/**
 * Runs schemathesis with its output on this terminal, or into `outputFile`; resolves with its exit
 * code. `hooksDir` holds `hooks.py`, loaded through SCHEMATHESIS_HOOKS, which writes each failure
 * it forgives (a rule OpenAPI cannot state) into `forgivenFile`.
 */
export function runSchemathesis(
  bin: string,
  args: string[],
  o: {
    killAfterMs: number;
    hooksDir: string;
    forgivenFile: string;
    /** Where the run's crash files go (and what it runs in: Hypothesis writes to the cwd). */
    workDir: string;
    outputFile?: string;
  },
) {
  return new Promise<number>((resolve, reject) => {
    const out = o.outputFile ? openSync(o.outputFile, "a") : "inherit";
    const env = {
      ...process.env,
      SCHEMATHESIS_HOOKS: "hooks",
      PYTHONPATH: o.hooksDir,
      GG_FUZZ_FORGIVEN: o.forgivenFile,
      GG_FUZZ_CACHE: join(o.workDir, "cache"),
    };
    const child = spawn(bin, args, { stdio: ["ignore", out, out], env, cwd: o.workDir });
    if (typeof out === "number") closeSync(out);
    // A hard stop in case a hung request or a bug defeats --max-examples.
    const timer = setTimeout(() => child.kill("SIGTERM"), o.killAfterMs);
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
  /** Errors of the run itself (`Runtime Error: 1`, `Network Error: 1`): no case judged them. */
  errors: string[];
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
  errors?: { title: string; count: number }[];
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
    errors: (r.errors ?? []).map((e) => `${e.title}: ${e.count}`),
    seconds: r.running_time,
    reportFile,
  };
}

/** What the hooks forgave, by rule: `{"File is not a JPEG, PNG or WebP image": 3}`. */
export async function readForgiven(file: string): Promise<Record<string, number>> {
  const text = await readFile(file, "utf8").catch(() => "");
  const counts: Record<string, number> = {};
  for (const line of text.split("\n").filter(Boolean)) {
    for (const rule of (JSON.parse(line) as { rules: string[] }).rules) {
      counts[rule] = (counts[rule] ?? 0) + 1;
    }
  }
  return counts;
}
