import { open, readFile, rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { isAlive } from "./process";

/**
 * Holds an exclusive lock file while `body` runs, so two `up`s started at once (two test runs,
 * two engineers) never install into the same directory or start the same server twice.
 * A lock whose owner died is taken over.
 */
export async function withLock<T>(
  file: string,
  onWait: (owner: number) => void,
  body: () => Promise<T>,
): Promise<T> {
  let warned = false;
  for (;;) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (!Number.isInteger(owner) || !isAlive(owner)) {
        // Stale (its owner died) or being written right now: a short pause settles which.
        await sleep(100);
        const again = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
        if (again === owner && (!Number.isInteger(owner) || !isAlive(owner))) {
          await rm(file, { force: true });
        }
        continue;
      }
      if (!warned) onWait(owner);
      warned = true;
      await sleep(250);
    }
  }
  try {
    return await body();
  } finally {
    await rm(file, { force: true });
  }
}
