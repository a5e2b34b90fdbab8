import pg from "pg";
import { fromPgError } from "./pg-error";

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export interface PoolConfig {
  connectionString: string;
  /** Connections in the pool; a Lambda wants 1–2, a server ~10. */
  max?: number;
  ssl?: boolean | object;
  applicationName?: string;
  /** How long to wait for a connection before failing with UNAVAILABLE (default 5 s). */
  connectionTimeoutMs?: number;
  /** Called when an idle client loses its connection (default: ignored; the pool replaces it). */
  onIdleError?: (error: Error) => void;
  /**
   * Plan named (prepared) statements once per connection instead of once per execution. The
   * API's writes are named statements whose planning would otherwise cost more than running them;
   * statements without a name are planned per execution either way.
   */
  genericPlans?: boolean;
}

/** A pg pool whose every session runs in UTC, so `timestamptz` text and `now()` agree everywhere. */
export function createPool(config: PoolConfig): Pool {
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.max ?? 10,
    ssl: config.ssl as pg.PoolConfig["ssl"],
    application_name: config.applicationName ?? "gourmetgram",
    connectionTimeoutMillis: config.connectionTimeoutMs ?? 5_000,
    // Set at connect time rather than with a SET per checkout: it costs nothing per query and
    // survives a pooler that resets session state between transactions.
    options: `-c timezone=UTC${config.genericPlans ? " -c plan_cache_mode=force_generic_plan" : ""}`,
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, that event
  // would crash the process (a Postgres restart must not take the API down with it).
  pool.on("error", config.onIdleError ?? (() => {}));
  return pool;
}

/**
 * Keeps a checked-out client's lost connection from crashing the process: node-postgres emits
 * 'error' on a client whose server goes away between its queries (a restart, a terminated
 * backend), and the pool listens for it only while the client is idle in the pool. Returns the
 * release to call instead of `client.release`: it destroys the client if its connection died.
 */
export function guard(client: PoolClient): (error?: Error) => void {
  let lost: Error | undefined;
  const onError = (e: Error) => {
    lost = e;
  };
  client.on("error", onError);
  return (error) => {
    client.removeListener("error", onError);
    client.release(error ?? lost);
  };
}

/** Round-trips `select 1`; throws AppError UNAVAILABLE (dependency "postgres") when it cannot. */
export async function ping(pool: Pool, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" })),
      timeoutMs,
    );
  });
  try {
    await Promise.race([pool.query("select 1"), timeout]);
  } catch (e) {
    throw fromPgError(e);
  } finally {
    clearTimeout(timer);
  }
}
