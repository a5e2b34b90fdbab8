// The suite's fuzz step: schemathesis with every check over both OpenAPI documents, each served
// on the real Postgres, Kafka and LocalStack (fresh stores), with a small fixed example budget
// and seed. Zero failures means each document says what its API does: every answer is declared
// (status, content type, body), what the schema allows is taken, what it forbids is refused, an
// undeclared method is a 405 with Allow, and nothing is a 5xx. The control document has no
// firehose routes (they start real runs; `scripts/fuzz/control-server.ts` wires no engine).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@gg/services";
import { describe, expect, it } from "vitest";
import { type Document, describeOutcome, fuzzDocument } from "../../../scripts/fuzz/fuzz";
import { ensureSchemathesis } from "../../../scripts/fuzz/venv";

const SEED = Number(process.env.GG_FUZZ_SEED ?? 120_626);
// Cases per operation and phase: enough for every operation's coverage cases and a few fuzzed and
// stateful ones, small enough for the suite's time budget. `pnpm fuzz` runs the big budgets.
const MAX_EXAMPLES = 10;

describe("the OpenAPI documents under schemathesis --checks all", () => {
  it(`give 0 failures and 0 server errors (seed ${SEED}, ${MAX_EXAMPLES} examples)`, async () => {
    const { cacheDir } = loadConfig(process.env, process.getuid?.() ?? 1000);
    const venv = await ensureSchemathesis(cacheDir, (line) => console.log(`fuzz: ${line}`));
    const reportDir = mkdtempSync(join(tmpdir(), "gg-fuzz-suite-"));
    const run = (document: Document) =>
      fuzzDocument({
        document,
        bin: venv.bin,
        seed: SEED,
        maxExamples: MAX_EXAMPLES,
        workers: 1,
        checks: ["all"],
        reportDir,
        quiet: true,
      });
    // Side by side: each run mostly waits on its server's round trips.
    const outcomes = await Promise.all([run("api"), run("control")]);
    for (const o of outcomes) {
      const lines = describeOutcome(o, { seed: SEED, maxExamples: MAX_EXAMPLES });
      console.log(lines.join("\n"));
      const why = `${lines.join("\n")}\nschemathesis' output: ${o.output}`;
      expect(o.summary.cases, why).toBeGreaterThan(0);
      expect(o.summary.failures, why).toEqual([]);
      expect(o.summary.errored, why).toBe(0);
      expect(o.summary.errors, why).toEqual([]);
      expect(o.unhandled, why).toBe(0);
      expect(o.exitCode, why).toBe(0);
    }
  }, 420_000);
});
