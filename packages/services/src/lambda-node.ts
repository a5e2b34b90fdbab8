import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { once } from "./cache";
import type { ServicesConfig } from "./config";
import type { Log } from "./log";
import { run } from "./process";

/**
 * The Node of each Lambda runtime the executor serves (`nodejs22.x` runs on Node 22, whatever
 * Node runs this tool): official binaries from the npm package `node-linux-<arch>`.
 */
const LAMBDA_NODE_VERSIONS = { "nodejs22.x": "22.23.5" } as const;

const nodeDir = (c: ServicesConfig, version: string) =>
  join(c.cacheDir, `node-${version}-linux-${process.arch}`);

/** `npm pack`s and unpacks each runtime's Node into the cache (once); returns runtime → binary. */
export async function installLambdaNodes(
  c: ServicesConfig,
  log: Log,
  logFile: string,
): Promise<Record<string, string>> {
  const binaries: Record<string, string> = {};
  for (const [runtime, version] of Object.entries(LAMBDA_NODE_VERSIONS)) {
    const dir = nodeDir(c, version);
    const pkg = `node-linux-${process.arch}@${version}`;
    await once(dir, pkg, async () => {
      log(`fetching ${pkg} for the ${runtime} Lambda runtime (cold cache)`);
      await rm(join(dir, "package"), { recursive: true, force: true });
      const npm = { command: "npm", logFile, cwd: dir };
      await run({ ...npm, args: ["pack", "--silent", pkg, "--pack-destination", dir] }, "npm pack");
      const tarball = (await readdir(dir)).find((f) => f.endsWith(".tgz"));
      if (!tarball) throw new Error(`npm pack ${pkg} left no tarball in ${dir}`);
      await run({ ...npm, command: "tar", args: ["-xzf", tarball] }, "tar");
      await rm(join(dir, tarball));
    });
    binaries[runtime] = join(dir, "package", "bin", "node");
  }
  return binaries;
}
