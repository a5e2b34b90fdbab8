import { spawnSync } from "node:child_process";
import { join } from "node:path";

export interface StepResult {
  ok: boolean;
  /** stdout and stderr together. */
  output: string;
  ms: number;
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): StepResult {
  const start = performance.now();
  const child = spawnSync(command, args, { cwd, encoding: "utf8", timeout: timeoutMs });
  const output = `${child.stdout ?? ""}${child.stderr ?? ""}${child.error ? String(child.error) : ""}`;
  return { ok: child.status === 0, output, ms: Math.round(performance.now() - start) };
}

/** `sst install` offline into .sst/platform/ (cached and locked; see sst-install.sh). */
export function installSst(root: string): StepResult {
  return run("bash", [join(root, "infra/scripts/sst-install.sh")], root, 300_000);
}

/** `tsc -p <project>` with the repo's TypeScript; ok means no diagnostics at all. */
export function typecheck(root: string, project = "infra/tsconfig.json"): StepResult {
  return run(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", project, "--pretty", "false"],
    root,
    300_000,
  );
}
