// Schemathesis in a Python venv kept in the services cache, outside the repo: installed once per
// machine (and again only when the pinned requirements change), shared by every clone.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const REQUIREMENTS = new URL("./requirements.txt", import.meta.url);

export interface Venv {
  /** The `schemathesis` executable inside the venv. */
  bin: string;
  /** Whether this call had to install it. */
  installed: boolean;
}

/** Make sure `<cacheDir>/schemathesis-venv` holds exactly the pinned requirements. */
export async function ensureSchemathesis(
  cacheDir: string,
  log: (line: string) => void,
): Promise<Venv> {
  const dir = join(cacheDir, "schemathesis-venv");
  const bin = join(dir, "bin", "schemathesis");
  const requirements = await readFile(REQUIREMENTS, "utf8");
  const stamp = createHash("sha256").update(requirements).digest("hex");
  const marker = join(dir, ".installed");
  if ((await readFile(marker, "utf8").catch(() => "")).trim() === stamp) {
    return { bin, installed: false };
  }
  log(`installing schemathesis into ${dir} (once per machine; needs PyPI)`);
  // A fresh venv: pip never downgrades what a half-done or older install left behind.
  await rm(dir, { recursive: true, force: true });
  await exec("python3", ["-m", "venv", dir]);
  const pip = join(dir, "bin", "pip");
  const env = { ...process.env, PIP_CACHE_DIR: join(cacheDir, "pip") };
  // --no-deps: the file is the whole resolved set, so nothing unpinned can slip in.
  await exec(pip, ["install", "-q", "--no-deps", "-r", REQUIREMENTS.pathname], env);
  await exec(bin, ["--version"]);
  // Written last: an interrupted install leaves no marker and is redone next time.
  await writeFile(marker, `${stamp}\n`);
  return { bin, installed: true };
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
