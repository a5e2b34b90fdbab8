/** Postgres: a UTC pool, transactions, the migration runner and SQLSTATE → AppError translation. */
export { createDatabase, databaseUrl, dropDatabase } from "./database";
export { EVENT_TIME_HEADER, setEventTime } from "./event-time";
export { type MigrateOptions, migrate } from "./migrate";
export { checksum, defaultMigrationsDir, type Migration, readMigrations } from "./migration-files";
export { fromPgError, type PgDetails, pgDetails } from "./pg-error";
export { createPool, guard, type Pool, type PoolClient, type PoolConfig, ping } from "./pool";
export { withTransaction } from "./transaction";
