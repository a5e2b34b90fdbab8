import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// CI runs exactly `pnpm install && pnpm test`, so the house checks that are not tests run here, as
// unit tests: beside the others, in parallel, each failing with the tool's own report.
const root = resolve(import.meta.dirname, "../..");

function run(bin: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      resolve(root, "node_modules/.bin", bin),
      args,
      { cwd: root, env: { ...process.env, CI: "1", NO_COLOR: "1" }, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

describe("house checks", () => {
  it("knip: no unused file, export, dependency or binary (knip.json names every entry point)", {
    timeout: 180_000,
  }, async () => {
    const r = await run("knip", ["--no-progress", "--treat-config-hints-as-errors"]);
    expect(r.output).toBe("");
    expect(r.code).toBe(0);
  });

  it("biome: lint and format clean", { timeout: 180_000 }, async () => {
    const r = await run("biome", ["check", "--colors=off", "."]);
    expect(r.code, r.output).toBe(0);
  });
});
