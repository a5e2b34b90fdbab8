import { AppError } from "../errors/index";
import { checksum, defaultMigrationsDir, type Migration, readMigrations } from "./migration-files";
import { fromPgError } from "./pg-error";
import type { Pool, PoolClient } from "./pool";

export interface MigrateOptions {
  /** Folder of `*.sql` files (default `packages/core/migrations`). */
  dir?: string;
  /** Migrations given directly (e.g. inlined into a Lambda bundle); wins over `dir`. */
  migrations?: Migration[];
}

// Any constant works as long as every runner uses the same one: it names the lock, per database.
const LOCK_KEY = 7_346_120_915;

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock so
 * concurrent runners (cold-starting Lambdas, parallel test files) apply each file exactly once.
 * An applied file whose content changed is an error: migrations are append-only.
 */
export async function migrate(
  pool: Pool,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const migrations =
    options.migrations ?? (await readMigrations(options.dir ?? defaultMigrationsDir()));
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw fromPgError(e);
  }
  try {
    // A session-level lock (not a transaction one) spans the per-file transactions below; it is
    // released by the unlock or, if this process dies, by the server when the session ends.
    await client.query("select pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      return { applied: await applyPending(client, migrations) };
    } finally {
      await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } catch (e) {
    throw e instanceof AppError ? e : fromPgError(e);
  } finally {
    client.release();
  }
}

async function applyPending(client: PoolClient, migrations: Migration[]): Promise<string[]> {
  // Created under the lock: two concurrent `create table if not exists` can still collide.
  await client.query(`create table if not exists schema_migrations (
    version text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const { rows } = await client.query<{ version: string; checksum: string }>(
    "select version, checksum from schema_migrations",
  );
  const done = new Map(rows.map((r) => [r.version, r.checksum]));
  const applied: string[] = [];
  for (const m of migrations) {
    const sum = checksum(m.sql);
    const previous = done.get(m.version);
    if (previous !== undefined) {
      if (previous !== sum) {
        throw new AppError(
          "INTERNAL",
          `migration ${m.version} was changed after it was applied (checksum ${previous.slice(0, 12)} in the database, ${sum.slice(0, 12)} on disk); add a new migration instead`,
          { dependency: "postgres" },
        );
      }
      continue;
    }
    await client.query("begin");
    try {
      await client.query(m.sql);
      await client.query("insert into schema_migrations (version, checksum) values ($1, $2)", [
        m.version,
        sum,
      ]);
      await client.query("commit");
    } catch (e) {
      await client.query("rollback").catch(() => {});
      const cause = fromPgError(e);
      throw new AppError(cause.code, `migration ${m.version} failed: ${cause.message}`, {
        dependency: "postgres",
        retriable: cause.retriable,
        cause: e,
      });
    }
    applied.push(m.version);
  }
  return applied;
}
