// Stop and start one local service through the project's own tool, as a user would.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

/** `pnpm services <command> <service>`; resolves when the tool exits 0. `env` adds variables. */
export async function services(
  command: "up" | "down" | "status",
  service?: "postgres" | "kafka" | "localstack",
  env: Record<string, string> = {},
) {
  const args = [
    "--import",
    "tsx",
    "packages/services/src/cli.ts",
    command,
    ...(service ? [service] : []),
  ];
  const { stdout } = await run(process.execPath, args, {
    cwd: root,
    timeout: 180_000,
    env: { ...process.env, ...env },
  });
  return stdout;
}
