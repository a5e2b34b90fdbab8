import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Thrown when a step fails; `logFile` is where the details are. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly logFile?: string,
  ) {
    super(logFile ? `${message} (see ${logFile})` : message);
    this.name = "StepError";
  }
}

export interface SpawnSpec {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdout and stderr are appended here. */
  logFile: string;
  uid?: number;
  gid?: number;
  /** Run in a new session, so servers it forks (pg_ctl's postmaster) ignore our terminal. */
  detached?: boolean;
}

/** Runs a command to completion, appending its output to the log; throws a StepError on failure. */
export async function run(spec: SpawnSpec, what: string): Promise<void> {
  const fd = openSync(spec.logFile, "a");
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ["ignore", fd, fd],
      uid: spec.uid,
      gid: spec.gid,
      detached: spec.detached,
    });
    const code = await new Promise<number | null>((ok, fail) => {
      child.on("error", (e: NodeJS.ErrnoException) =>
        fail(e.code === "ENOENT" ? new StepError(`${what}: ${spec.command} is not installed`) : e),
      );
      child.on("exit", (c) => ok(c));
    });
    if (code !== 0) throw new StepError(`${what} failed (exit ${code})`, spec.logFile);
  } finally {
    closeSync(fd);
  }
}

/** Starts a long-running server in its own session so it outlives this process; returns its pid. */
export function spawnDetached(spec: SpawnSpec): number {
  const fd = openSync(spec.logFile, "a");
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ["ignore", fd, fd],
      detached: true,
      uid: spec.uid,
      gid: spec.gid,
    });
    // A failed spawn (e.g. ENOENT) reports through 'error' later; pid undefined says it now.
    child.on("error", () => undefined);
    if (child.pid === undefined) throw new StepError(`could not start ${spec.command}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** The pid recorded in a pid file, if the file exists and the process is still alive. */
export async function livePid(pidFile: string): Promise<number | undefined> {
  const text = await readFile(pidFile, "utf8").catch(() => "");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

export const writePid = (pidFile: string, pid: number) => writeFile(pidFile, `${pid}\n`);
export const removePid = (pidFile: string) => rm(pidFile, { force: true });

/** Whether a process exists (signal 0 probes without delivering anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The command line of a process, to make sure a recorded pid was not reused by a stranger. */
export async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return raw.replaceAll("\0", " ").trim();
}

/** SIGTERM the process group a detached server leads, then SIGKILL it after `graceMs`. */
export async function stopGroup(pid: number, graceMs: number): Promise<"stopped" | "killed"> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      try {
        process.kill(pid, s);
      } catch {}
    }
  };
  signal("SIGTERM");
  if (await waitUntil(() => !isAlive(pid), graceMs)) return "stopped";
  signal("SIGKILL");
  await waitUntil(() => !isAlive(pid), 5_000);
  return "killed";
}

/** Polls `check` until it returns true or the timeout passes; returns whether it succeeded. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

/**
 * Whether anything holds host:port: false only when a connection is refused (or fails). No answer
 * within `timeoutMs` counts as held: on loopback a free port refuses at once, and a busy machine
 * (or this process's own event loop, late to see the connect) must not make a held port look free
 * and a second server start on it, nor our own broker restart.
 */
export function portOpen(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      ok(open);
    };
    socket.setTimeout(timeoutMs, () => done(true));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
