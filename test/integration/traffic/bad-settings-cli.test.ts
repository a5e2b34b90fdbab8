// The CLIs as a user runs them: a bad setting fails at once (no wait for the minute boundary, no
// connection), with one line on stderr and exit code 2. Each case is a real process.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  return new Promise<{ code: number; stderr: string; ms: number }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      // A database nobody listens on: validation must not need one.
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: "postgres://x@127.0.0.1:1/x", ...env },
        timeout: 60_000,
      },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stderr, ms: Date.now() - started });
      },
    );
  });
}

const generate = (args: string[], env?: NodeJS.ProcessEnv) =>
  run("packages/traffic/src/cli/generate/main.ts", args, env);

describe("bad settings on the command line", () => {
  it.each([
    [
      ["run", "--rate", "abc"],
      /^generate: --rate \(GENERATOR_ARRIVAL_RATE\): bad arrival rate "abc"/,
    ],
    [
      ["run", "--rate", "1e9/s"],
      /above the 2,000 events\/s this deployment fires .*GENERATOR_MAX_RATE/,
    ],
    [
      ["run", "--settings", '{"segments":{"casual":{"shar":1}}}'],
      /^generate: --settings segments\.casual: Unrecognized key/,
    ],
    [["run", "--bogus"], /^generate: Unknown option '--bogus'/],
  ])("pnpm generate %j: one line, exit code 2", { timeout: 60_000 }, async (args, line) => {
    const r = await generate(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(line);
  });

  it("honours a configured ceiling, and names a bad one", { timeout: 60_000 }, async () => {
    const lowered = await generate(["run", "--rate", "20/s"], { GENERATOR_MAX_RATE: "10/s" });
    expect(lowered.stderr.trim()).toMatch(/above the 10 events\/s .*GENERATOR_MAX_RATE/);
    expect(lowered.code).toBe(2);
    const bad = await generate(["run"], { GENERATOR_MAX_RATE: "lots" });
    expect(bad.stderr.trim()).toMatch(/^generate: GENERATOR_MAX_RATE: bad arrival rate "lots"/);
    expect(bad.code).toBe(2);
  });

  it("pnpm firehose --rate abc: one line, exit code 2", { timeout: 60_000 }, async () => {
    const r = await run("packages/traffic/src/cli/firehose/main.ts", ["--rate", "abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('firehose: --rate: expected a number, got "abc" (see --help)');
  });
});
