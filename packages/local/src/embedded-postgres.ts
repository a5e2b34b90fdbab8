import { connectionEnv, loadConfig, pick, up } from "@gg/services";

/**
 * The embedded default database: the project's own real PostgreSQL (the one `pnpm services`
 * installs from npm), started on loopback if it is not running, with our migrations applied.
 */
export async function startEmbeddedPostgres(env: NodeJS.ProcessEnv): Promise<string> {
  const config = loadConfig(env, process.getuid?.() ?? -1);
  const failures = await up(pick(["postgres"]), config);
  if (failures.length)
    throw new Error(
      `embedded Postgres did not start: ${failures.map((f) => f.message).join("; ")}`,
    );
  return connectionEnv(config).DATABASE_URL as string;
}
