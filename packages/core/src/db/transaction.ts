import { guard, type Pool, type PoolClient } from "./pool";

/**
 * Runs `fn` inside BEGIN/COMMIT on one pooled client, rolling back if it throws. Errors are
 * rethrown untranslated so callers can still inspect the SQLSTATE (then use `fromPgError`).
 */
export async function withTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const release = guard(client);
  let broken: Error | undefined;
  try {
    await client.query("begin");
    const result = await fn(client);
    await client.query("commit");
    return result;
  } catch (e) {
    try {
      await client.query("rollback");
    } catch (rollbackError) {
      // The connection is unusable (e.g. the server went away): destroy it instead of
      // returning a client stuck mid-transaction to the pool.
      broken = rollbackError as Error;
    }
    throw e;
  } finally {
    release(broken);
  }
}
