import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One migration: its version (the file name without `.sql`) and its SQL text. */
export interface Migration {
  version: string;
  sql: string;
}

/** `packages/core/migrations`, resolved lazily so a CommonJS bundle can import this module. */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL("../../migrations", import.meta.url));
}

/** Reads `*.sql` from `dir` in lexicographic order (hence zero-padded prefixes: `0001_init.sql`). */
export async function readMigrations(dir: string): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort();
  return Promise.all(
    names.map(async (name) => ({
      version: name.slice(0, -".sql".length),
      sql: await readFile(join(dir, name), "utf8"),
    })),
  );
}

/**
 * sha256 of the SQL with line endings normalised, so a checkout with CRLF (Windows, autocrlf)
 * does not look like an edited migration.
 */
export function checksum(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}
