import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Runs an install step once per cache: a marker file, written only after success, records it.
 * A failed or interrupted step leaves no marker, so the next `up` runs it again; steps must
 * therefore be safe to repeat over a half-done directory. Returns whether the step ran.
 */
export async function once(
  dir: string,
  stamp: string,
  install: (dir: string) => Promise<void>,
): Promise<boolean> {
  const marker = join(dir, ".installed");
  const found = await readFile(marker, "utf8").catch(() => undefined);
  if (found?.trim() === stamp) return false;
  await ensureDir(dir);
  await install(dir);
  await writeFile(marker, `${stamp}\n`);
  return true;
}

/**
 * Creates a directory (and parents) readable and traversable by everyone: a server that drops
 * root privileges must be able to reach binaries and data below it.
 */
export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755).catch(() => undefined);
}
