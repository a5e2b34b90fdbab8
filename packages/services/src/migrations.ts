import { createPool, migrate } from "@gg/core/db";
import type { Log } from "./log";
import { timed } from "./log";

/** Applies the project's migrations with its own re-runnable runner. */
export async function migrateDatabase(connectionString: string, log: Log): Promise<void> {
  const pool = createPool({ connectionString });
  try {
    const { applied } = await timed(log, "migrate", () => migrate(pool));
    log(applied.length ? `applied ${applied.join(", ")}` : "migrations: already up to date");
  } finally {
    await pool.end();
  }
}
