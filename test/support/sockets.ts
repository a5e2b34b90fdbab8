// Which addresses a process tree listens on, read from /proc (Linux): the evidence for "nothing
// listens on a non-loopback address", independent of what the process claims.
import { readdir, readFile, readlink } from "node:fs/promises";

export interface Listener {
  pid: number;
  proto: "tcp" | "tcp6" | "udp" | "udp6";
  address: string;
  port: number;
}

/** "0100007F:1F90" (tcp) or a 32-hex-digit IPv6 address, in /proc/net's byte order. */
function decodeAddress(hex: string): string {
  const bytes = (h: string) => (h.match(/../g) ?? []).map((b) => Number.parseInt(b, 16));
  if (hex.length === 8) return bytes(hex).reverse().join(".");
  // Four 32-bit words, each in host (little-endian) order.
  const words = (hex.match(/.{8}/g) ?? []).flatMap((w) => bytes(w).reverse());
  const groups = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((words[i] ?? 0) << 8) | (words[i + 1] ?? 0)).toString(16));
  return groups.join(":");
}

/** Whether an address decoded above is loopback (127/8, ::1, or ::ffff:127.x). */
export function isLoopback(address: string): boolean {
  return (
    address.startsWith("127.") ||
    address === "0:0:0:0:0:0:0:1" ||
    /^0:0:0:0:0:ffff:7f/.test(address)
  );
}

async function socketInodes(pid: number): Promise<Set<string>> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
  const inodes = new Set<string>();
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m?.[1]) inodes.add(m[1]);
  }
  return inodes;
}

/** Every process in the session `sid` leads (a detached server and everything it spawned). */
export async function sessionPids(sid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    // Fields after the parenthesised command: state ppid pgrp session ...
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[3]) === sid) pids.push(Number(name));
  }
  return pids;
}

/** The TCP sockets in LISTEN and the bound UDP sockets held by `pids`. */
export async function listeners(pids: number[]): Promise<Listener[]> {
  const owner = new Map<string, number>();
  for (const pid of pids) for (const inode of await socketInodes(pid)) owner.set(inode, pid);
  const found: Listener[] = [];
  for (const proto of ["tcp", "tcp6", "udp", "udp6"] as const) {
    const table = await readFile(`/proc/net/${proto}`, "utf8").catch(() => "");
    for (const line of table.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [local, , state, inode] = [cols[1], cols[2], cols[3], cols[9]];
      if (!local || !inode || !owner.has(inode)) continue;
      // TCP 0A = LISTEN; UDP 07 = unconnected (bound, receiving from anyone).
      if (state !== (proto.startsWith("tcp") ? "0A" : "07")) continue;
      const [addr, port] = local.split(":");
      found.push({
        pid: owner.get(inode) as number,
        proto,
        address: decodeAddress(addr ?? ""),
        port: Number.parseInt(port ?? "0", 16),
      });
    }
  }
  return found;
}

/** The pid of whatever listens on TCP `port`, if it is a process of this machine we can see. */
export async function pidListeningOn(port: number): Promise<number | undefined> {
  const pids = (await readdir("/proc")).filter((n) => /^\d+$/.test(n)).map(Number);
  for (const l of await listeners(pids))
    if (l.proto.startsWith("tcp") && l.port === port) return l.pid;
  return undefined;
}
