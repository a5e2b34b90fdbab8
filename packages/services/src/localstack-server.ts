import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { once } from "./cache";
import { withLock } from "./lock";
import type { Log } from "./log";
import { run } from "./process";

/**
 * LocalStack's network server, chosen by GATEWAY_SERVER among its `localstack.runtime.server`
 * plugins. Its own two both fall short: `twisted` listens on 0.0.0.0 whatever GATEWAY_LISTEN says,
 * and `hypercorn` answers `Expect: 100-continue` with a reason-less `HTTP/1.1 100 `, which botocore
 * before 1.40.21 (boto3 and the AWS CLI of that age) takes for the final response, failing every
 * PutObject of a file. Ours is twisted (which sends `100 Continue`) bound to the given host.
 */
export const GATEWAY_SERVER = "twisted-loopback";

const PLUGIN_DIR = fileURLToPath(new URL("../python/gg-localstack-server", import.meta.url));

/** A digest of the plugin's sources: a change reinstalls it, nothing else does. */
async function sourceStamp(): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory() && e.name !== "__pycache__") await walk(path);
      else if (e.isFile() && /\.(py|toml)$/.test(e.name)) {
        hash
          .update(path.slice(PLUGIN_DIR.length))
          .update("\0")
          .update(await readFile(path));
      }
    }
  };
  await walk(PLUGIN_DIR);
  return `gg-localstack-server ${hash.digest("hex")}`;
}

/**
 * pip-installs the server plugin into LocalStack's venv, once per source change. The marker lives
 * inside the venv, so a rebuilt venv gets the plugin again.
 */
export async function installGatewayServer(
  venv: string,
  pipCacheDir: string,
  logFile: string,
  log: Log,
): Promise<void> {
  const stamp = await sourceStamp();
  const marker = join(venv, "gg-localstack-server");
  // The venv is shared by every stack on the machine (each `up` locks only its own data dir).
  await withLock(
    `${marker}.lock`,
    () => log("waiting for another install of the plugin"),
    () =>
      once(marker, stamp, async () => {
        log(`installing our LocalStack server plugin (${GATEWAY_SERVER}) into the venv`);
        // --no-deps: it needs nothing LocalStack does not already have. Its build backend
        // (flit_core, pinned in its pyproject.toml) comes from PyPI once, then from the pip cache.
        const args = ["-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", PLUGIN_DIR];
        const env = { ...process.env, PIP_CACHE_DIR: pipCacheDir };
        await run(
          { command: join(venv, "bin", "python"), args, env, logFile },
          "pip install plugin",
        );
      }),
  );
}
