import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ensureDir } from "./cache";
import { withLock } from "./lock";

export interface Venv {
  /** The venv's folder. */
  dir: string;
  /** An executable of the venv: `bin("aws")`. */
  bin(name: string): string;
  /** Whether this call had to install it. */
  installed: boolean;
}

/**
 * Makes sure `<cacheDir>/<name>` is a Python venv holding exactly a pinned requirements file:
 * installed once per machine (and again only when the file changes), shared by every clone,
 * under a lock so two runs at once never build it over each other.
 */
export async function ensureVenv(options: {
  cacheDir: string;
  name: string;
  requirements: string;
  log: (line: string) => void;
}): Promise<Venv> {
  const dir = join(options.cacheDir, options.name);
  const bin = (name: string) => join(dir, "bin", name);
  const requirements = await readFile(options.requirements, "utf8");
  const stamp = createHash("sha256").update(requirements).digest("hex");
  const marker = join(dir, ".installed");
  const current = async () => (await readFile(marker, "utf8").catch(() => "")).trim() === stamp;
  if (await current()) return { dir, bin, installed: false };
  await ensureDir(options.cacheDir);
  return withLock(
    `${dir}.lock`,
    () => undefined,
    async () => {
      if (await current()) return { dir, bin, installed: false };
      options.log(`installing ${options.name} into ${dir} (once per machine; needs PyPI)`);
      // A fresh venv: pip never downgrades what a half-done or older install left behind.
      await rm(dir, { recursive: true, force: true });
      await exec("python3", ["-m", "venv", dir]);
      const env = { ...process.env, PIP_CACHE_DIR: join(options.cacheDir, "pip") };
      // --no-deps: the file is the whole resolved set, so nothing unpinned can slip in.
      await exec(bin("pip"), ["install", "-q", "--no-deps", "-r", options.requirements], env);
      // Written last: an interrupted install leaves no marker and is redone next time.
      await writeFile(marker, `${stamp}\n`);
      return { dir, bin, installed: true };
    },
  );
}

/** Run a command to completion; reject with its output when it fails. */
function exec(command: string, args: string[], env = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.on("error", (e) =>
      reject(new Error(`${command}: ${e.message} (is Python 3.11+ installed?)`)),
    );
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${command} ${args.join(" ")} failed (${code}):\n${output.slice(-2000)}`),
          ),
    );
  });
}
