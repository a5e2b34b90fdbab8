import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import type { MockDeployment } from "./mock-types";

export type { MockDeployment } from "./mock-types";

/**
 * Run sst.config.ts for `stage` under Pulumi's mocks (needs `sst install` first): SST's real
 * components expand into the AWS resources a deploy would create, with no engine and no AWS.
 * `secrets` become SST_SECRET_<Name>, as `sst deploy` passes them.
 */
export async function mockDeploy(
  root: string,
  stage: string,
  secrets: Record<string, string>,
): Promise<MockDeployment> {
  const tag = `${process.pid}-${stage}`;
  // Inside .sst/platform/ so that Node resolves @pulumi/* and the platform's other packages from
  // its node_modules, as SST's own bundle of sst.config.ts does.
  const program = join(root, `.sst/platform/mock-${tag}.mjs`);
  const out = join(root, `.sst/mock-${tag}.json`);
  // Zipped function code and placeholder bundles land here ($cli.paths.work).
  const work = join(root, `.sst/mock-work-${tag}`);
  try {
    await build({
      entryPoints: [join(root, "infra/scripts/mock-program.ts")],
      outfile: program,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "error",
      // Ignore infra/tsconfig.json's `paths` (there for the type-checker): @pulumi/* must stay
      // external so the program and SST's components share one Pulumi runtime.
      tsconfigRaw: {},
      banner: {
        js: `import { createRequire as topLevelCreateRequire } from 'module';\nconst require = topLevelCreateRequire(import.meta.url);\nimport { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"\nconst __filename = topLevelFileUrlToPath(import.meta.url)\nconst __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
      },
    });
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      MOCK_ROOT: root,
      MOCK_STAGE: stage,
      MOCK_OUT: out,
      MOCK_WORK: work,
    };
    for (const [name, value] of Object.entries(secrets)) env[`SST_SECRET_${name}`] = value;
    // Asynchronous: a test worker blocked for the ~20 s of each stage misses vitest's RPC deadline.
    const child = await run(process.execPath, [program], env, 120_000);
    if (child.status !== 0) {
      throw new Error(
        `mock deploy of ${stage} failed (exit ${child.status}):\n${child.stderr}${child.stdout}`,
      );
    }
    return unwrapSecrets(JSON.parse(readFileSync(out, "utf8"))) as MockDeployment;
  } finally {
    rmSync(program, { force: true });
    rmSync(out, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/** A child process to its end: exit status (null if killed at the timeout) and its output. */
function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

// Pulumi serialises a secret as { <this signature>: <secret marker>, value }.
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Replace Pulumi's secret wrappers by their values, recursively. */
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (SECRET_SIG in record) return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
}
