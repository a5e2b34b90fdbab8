import { spawn } from "node:child_process";
import { join } from "node:path";

export interface StepResult {
  ok: boolean;
  /** stdout and stderr together. */
  output: string;
  ms: number;
}

// Asynchronous on purpose: a minute-long synchronous child blocks a vitest worker's event loop,
// and vitest then fails the run with "Timeout calling onTaskUpdate".
function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
): Promise<StepResult> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, timeout: timeoutMs, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const done = (ok: boolean, extra = "") =>
      resolve({ ok, output: output + extra, ms: Math.round(performance.now() - start) });
    child.on("error", (e) => done(false, String(e)));
    child.on("close", (code) => done(code === 0));
  });
}

/**
 * `sst install` offline into .sst/platform/ (cached and locked; see sst-install.sh). With
 * `cacheDir` (the services' cache), a fresh clone starts from the platform's packages kept there.
 */
export function installSst(root: string, cacheDir?: string): Promise<StepResult> {
  const env = cacheDir
    ? { ...process.env, SST_PLATFORM_CACHE: join(cacheDir, "sst-platform") }
    : undefined;
  return run("bash", [join(root, "infra/scripts/sst-install.sh")], root, 300_000, env);
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
