import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface Account {
  uid: number;
  gid: number;
}

/** Looks a user up in /etc/passwd. */
async function findUser(name: string): Promise<Account | undefined> {
  const passwd = await readFile("/etc/passwd", "utf8");
  for (const line of passwd.split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name && uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

/** Returns the system user, creating it first if missing (needs root). */
export async function ensureSystemUser(name: string): Promise<Account> {
  const found = await findUser(name);
  if (found) return found;
  await exec("useradd", [
    "--system",
    "--user-group",
    "--no-create-home",
    "--shell",
    "/usr/sbin/nologin",
    name,
  ]);
  const created = await findUser(name);
  if (!created) throw new Error(`useradd ${name} succeeded but the user is not in /etc/passwd`);
  return created;
}
