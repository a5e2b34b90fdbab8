import { join } from "node:path";
import { runChild } from "./child";

export interface StepResult {
  ok: boolean;
  /** stdout and stderr together. */
  output: string;
  ms: number;
}

// Asynchronous on purpose (./child.ts): a minute-long synchronous child blocks a vitest worker.
async function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
): Promise<StepResult> {
  const start = performance.now();
  const child = await runChild(command, args, { cwd, timeout: timeoutMs, env });
  return {
    ok: child.status === 0,
    output: child.stdout + child.stderr,
    ms: Math.round(performance.now() - start),
  };
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
