import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A digest of every `.sql` file in `dir` (names and bytes, in name order): the trigger that makes
 * a deploy re-run the migrations exactly when one was added or changed. Pure Node, no SST globals.
 */
export function hashMigrations(dir: string): string {
  const hash = createHash("sha256");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  if (files.length === 0) throw new Error(`no .sql migrations in ${dir}`);
  for (const file of files) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(dir, file)))
      .update("\0");
  }
  return hash.digest("hex");
}
