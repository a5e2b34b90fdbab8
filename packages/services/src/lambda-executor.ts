import { createHash } from "node:crypto";
import { cp, readdir, readFile, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { once } from "./cache";
import type { ServicesConfig } from "./config";
import type { Log } from "./log";
import { run } from "./process";

/** The executor's name, as LAMBDA_RUNTIME_EXECUTOR selects it (its pyproject's entry point). */
export const LAMBDA_EXECUTOR = "gg-node";

const source = join(import.meta.dirname, "..", "lambda-executor");

/** Every source file of the executor package, in a stable order. */
async function sourceFiles(dir = source): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((e) => !["build", "__pycache__"].includes(e.name) && !e.name.endsWith(".egg-info"))
      .map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : [join(dir, e.name)])),
  );
  return files.flat().sort();
}

/** A digest of the executor's sources: a change re-installs it. */
async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await sourceFiles()) {
    hash
      .update(relative(source, file))
      .update("\0")
      .update(await readFile(file));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * pip-installs the executor for the LocalStack venv's Python into `<cache>/lambda-executor/<hash>`
 * (once per version of its sources) and returns that folder, which goes on LocalStack's
 * PYTHONPATH. Not into the venv itself: the venv is shared by every clone using this cache, and
 * two clones may carry two versions of the executor.
 */
export async function installLambdaExecutor(
  c: ServicesConfig,
  python: string,
  log: Log,
  logFile: string,
): Promise<string> {
  const hash = await sourceHash();
  const dir = executorDir(c, hash);
  await once(dir, hash, async () => {
    log(`pip-installing the ${LAMBDA_EXECUTOR} Lambda executor (${hash})`);
    // Built from a copy, so that the build leaves nothing in the repository.
    const copy = join(dir, "src");
    await rm(copy, { recursive: true, force: true });
    await cp(source, copy, {
      recursive: true,
      filter: (f) => !/(__pycache__|\.egg-info|\/build)$/.test(f),
    });
    const target = join(dir, "site");
    await rm(target, { recursive: true, force: true });
    const env = { ...process.env, PIP_CACHE_DIR: join(c.cacheDir, "pip") };
    const args = ["-m", "pip", "install", "-q", "--no-deps", "--target", target, copy];
    await run({ command: python, args, env, logFile, cwd: dir }, "pip install lambda executor");
    await rm(copy, { recursive: true, force: true });
  });
  return join(dir, "site");
}

const executorDir = (c: ServicesConfig, hash: string) => join(c.cacheDir, "lambda-executor", hash);

/** Where this version of the executor is installed (what LocalStack's PYTHONPATH names). */
export async function lambdaExecutorSite(c: ServicesConfig): Promise<string> {
  return join(executorDir(c, await sourceHash()), "site");
}
