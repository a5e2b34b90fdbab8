import { pathToFileURL } from "node:url";
import { runChild } from "./child";

export interface ImportCheck {
  /** `typeof` the named export, or undefined if the import itself threw. */
  exportType: string | undefined;
  /** The import's error (message and first stack lines), if it threw. */
  error: string | undefined;
}

/**
 * Import a bundle in a fresh Node process with only `env` (plus PATH) set, as a cold Lambda would,
 * and report the type of one export. A child process because module scope builds pools and
 * clients: they must not leak into the test runner, and the child exits as soon as it knows.
 * Asynchronous (./child.ts): a cold import on a loaded machine takes seconds.
 */
export async function importBundle(
  file: string,
  exportName: string,
  env: Record<string, string>,
): Promise<ImportCheck> {
  const script = `
    try {
      const m = await import(${JSON.stringify(pathToFileURL(file).href)});
      console.log(JSON.stringify({ exportType: typeof m[${JSON.stringify(exportName)}] }));
    } catch (e) {
      const error = String(e && e.stack ? e.stack : e).split("\\n").slice(0, 4).join("\\n");
      console.log(JSON.stringify({ error }));
    }
    process.exit(0);`;
  const child = await runChild(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 30_000,
  });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as ImportCheck;
  } catch {
    return { exportType: undefined, error: `no result (exit ${child.status}): ${child.stderr}` };
  }
}
