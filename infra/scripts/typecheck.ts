import { spawn } from "node:child_process";
import { join } from "node:path";

export interface StepResult {
  ok: boolean;
  /** stdout and stderr together. */
  output: string;
  ms: number;
}

// Asynchronous, so a vitest worker running tsc (~45 s, minutes on a loaded machine) keeps
// answering its RPCs instead of failing the run with "Timeout calling onTaskUpdate".
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<StepResult> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, timeout: timeoutMs });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const done = (ok: boolean, extra = "") =>
      resolve({ ok, output: output + extra, ms: Math.round(performance.now() - start) });
    child.on("error", (e) => done(false, String(e)));
    child.on("close", (status) => done(status === 0));
  });
}

/** `sst install` offline into .sst/platform/ (cached and locked; see sst-install.sh). */
export function installSst(root: string): Promise<StepResult> {
  return run("bash", [join(root, "infra/scripts/sst-install.sh")], root, 300_000);
}

/** `tsc -p <project>` with the repo's TypeScript; ok means no diagnostics at all. */
export function typecheck(root: string, project = "infra/tsconfig.json"): Promise<StepResult> {
  return run(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", project, "--pretty", "false"],
    root,
    300_000,
  );
}
