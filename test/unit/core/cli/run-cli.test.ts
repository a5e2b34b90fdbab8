import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runChild } from "../../../../infra/scripts/child";

const root = fileURLToPath(new URL("../../../..", import.meta.url));

/** Runs `body` (a module's text, with runCli imported) as a command and returns how it ended. */
async function command(body: string) {
  const source = `import { runCli } from "@gg/core/cli";\n${body}`;
  const r = await runChild(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", source],
    { cwd: root, timeout: 30_000 },
  );
  return { code: r.status, stderr: r.stderr };
}

describe("runCli", () => {
  it("exits with main's code, or onError's when main throws", async () => {
    expect((await command("runCli(async () => 3, () => 9);")).code).toBe(3);
    const failed = await command(
      'runCli(async () => { throw new Error("boom"); }, (e) => { console.error(String(e)); return 9; });',
    );
    expect(failed).toMatchObject({ code: 9, stderr: expect.stringContaining("boom") });
  });

  it("exits 70 with a message when main stops waiting on nothing, never 0", async () => {
    const stalled = await command("runCli(() => new Promise(() => {}), () => 1);");
    expect(stalled.code).toBe(70);
    expect(stalled.stderr).toContain("nothing left to wait on");
  });
});
