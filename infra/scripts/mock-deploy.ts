import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
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
    // Asynchronous: a synchronous child would block a vitest worker's event loop for its run.
    await promisify(execFile)(process.execPath, [program], {
      env,
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e: { code?: number; stderr?: string; stdout?: string }) => {
      throw new Error(
        `mock deploy of ${stage} failed (exit ${e.code}):\n${e.stderr ?? ""}${e.stdout ?? ""}`,
      );
    });
    return unwrapSecrets(JSON.parse(readFileSync(out, "utf8"))) as MockDeployment;
  } finally {
    rmSync(program, { force: true });
    rmSync(out, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
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
