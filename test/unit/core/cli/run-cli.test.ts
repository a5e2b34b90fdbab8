import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../..", import.meta.url));

/** Runs `body` (a module's text, with runCli imported) as a command and returns how it ended. */
function command(body: string) {
  const source = `import { runCli } from "@gg/core/cli";\n${body}`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", source], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: r.status, stderr: r.stderr };
}

describe("runCli", () => {
  it("exits with main's code, or onError's when main throws", () => {
    expect(command("runCli(async () => 3, () => 9);").code).toBe(3);
    const failed = command(
      'runCli(async () => { throw new Error("boom"); }, (e) => { console.error(String(e)); return 9; });',
    );
    expect(failed).toMatchObject({ code: 9, stderr: expect.stringContaining("boom") });
  });

  it("exits 70 with a message when main stops waiting on nothing, never 0", () => {
    const stalled = command("runCli(() => new Promise(() => {}), () => 1);");
    expect(stalled.code).toBe(70);
    expect(stalled.stderr).toContain("nothing left to wait on");
  });
});
