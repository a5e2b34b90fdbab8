import { access, chmod, chown, open } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { ensureDir } from "./cache";
import type { ServicesConfig } from "./config";
import { migrateDatabase } from "./migrations";
import { initCluster, installBinaries, serverAccount } from "./postgres-install";
import { commandLine, livePid, run } from "./process";
import type { Service } from "./service";
import type { Account } from "./users";

const dataDir = (c: ServicesConfig) => join(c.dataDir, "postgres");
const logFile = (c: ServicesConfig) => join(c.logDir, "postgres.log");
const tlsDir = (c: ServicesConfig) => join(c.dataDir, "postgres-tls");
const adminUrl = (c: ServicesConfig) =>
  `postgres://postgres:postgres@${c.host}:${c.pgPort}/postgres`;

/** Runs a query against the `postgres` database with a short connect timeout. */
async function query<T extends pg.QueryResultRow>(c: ServicesConfig, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl(c), connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** pg_ctl, run as the server's account, in its own session so the postmaster outlives us. */
async function pgCtl(c: ServicesConfig, args: string[], what: string): Promise<void> {
  const bin = await installBinaries(c);
  const account = await serverAccount(c);
  await run(
    {
      command: join(bin, "pg_ctl"),
      args: ["-D", dataDir(c), ...args],
      logFile: logFile(c),
      cwd: dataDir(c),
      uid: account?.uid,
      gid: account?.gid,
      detached: true,
    },
    what,
  );
}

/**
 * A self-signed certificate for the server (once per data dir). TLS is on, as RDS enforces it,
 * so that the deployed functions' `sslmode=no-verify` connections work on `pnpm emulate`;
 * clients that do not ask for TLS still connect in plain text.
 */
async function ensureCertificate(c: ServicesConfig, account: Account | undefined) {
  const dir = tlsDir(c);
  const cert = join(dir, "server.crt");
  const key = join(dir, "server.key");
  const exists = await access(key).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await ensureDir(dir);
    const args = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650"];
    args.push("-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert);
    await run({ command: "openssl", args, logFile: logFile(c), cwd: dir }, "openssl req");
    // The server refuses a key others can read, and reads it as its own account.
    for (const file of [cert, key]) {
      if (account) await chown(file, account.uid, account.gid);
    }
    await chmod(key, 0o600);
  }
  return { cert, key };
}

export const postgres: Service = {
  name: "postgres",
  title: "PostgreSQL",
  port: (c) => c.pgPort,
  portEnv: "GG_PG_PORT",
  logFile,
  readyTimeoutMs: 60_000,

  async probe(c) {
    try {
      const rows = await query<{ server_version: string }>(c, "show server_version");
      return `PostgreSQL ${rows[0]?.server_version ?? "?"}`;
    } catch {
      return undefined;
    }
  },

  async ownPid(c) {
    // postmaster.pid survives a crash or reboot: check the pid still is a postgres.
    const pid = await livePid(join(dataDir(c), "postmaster.pid"));
    return pid && (await commandLine(pid)).includes("postgres") ? pid : undefined;
  },

  async install(c, log) {
    const bin = await installBinaries(c);
    await initCluster(c, bin, dataDir(c), await serverAccount(c), log);
  },

  async start(c) {
    const account = await serverAccount(c);
    const tls = await ensureCertificate(c, account);
    // pg_ctl opens the log as the server's user, so that user must own it.
    await (await open(logFile(c), "a")).close();
    if (account) await chown(logFile(c), account.uid, account.gid);
    // -W: do not wait here; the caller's readiness check is a real query.
    const options = `-p ${c.pgPort} -c ssl=on -c ssl_cert_file=${tls.cert} -c ssl_key_file=${tls.key}`;
    await pgCtl(c, ["start", "-W", "-l", logFile(c), "-o", options], "pg_ctl start");
  },

  async stop(c) {
    if (!(await this.ownPid(c))) return false;
    await pgCtl(c, ["stop", "-m", "fast", "-w", "-t", "60"], "pg_ctl stop");
    return true;
  },

  async prepare(c, log) {
    const exists = await query(c, "select 1 from pg_database where datname = 'gourmetgram'");
    if (exists.length === 0) {
      log("create database gourmetgram");
      // Two concurrent `up`s may race here: 42P04 (duplicate_database) means the other won.
      await query(c, "create database gourmetgram").catch((e: { code?: string }) => {
        if (e.code !== "42P04") throw e;
      });
    }
    await migrateDatabase(`postgres://postgres:postgres@${c.host}:${c.pgPort}/gourmetgram`, log);
  },
};
