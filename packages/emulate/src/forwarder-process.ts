import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { EmulateConfig } from "./config";
import type { Route } from "./forwarder";
import { forwarderLog, forwarderPidFile } from "./state";

const script = join(import.meta.dirname, "forwarder.ts");

/** A free loopback port, from the kernel. */
/**
 * A free loopback port for a Function URL's forwarder, below Linux's ephemeral range (32768+).
 * The forwarder binds it only after the functions are deployed (their links carry the URL), and
 * a port from the ephemeral range was once taken meanwhile by some client's outgoing socket
 * (EADDRINUSE with the rest of the suite running).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await bindable(port)) return port;
  }
  throw new Error("no free loopback port in 20000-31999 for the Function URL forwarder");
}

const bindable = (port: number) =>
  new Promise<boolean>((ok) => {
    const server = createServer();
    server.once("error", () => ok(false));
    server.listen(port, "127.0.0.1", () => server.close(() => ok(true)));
  });

const listening = (port: number) =>
  new Promise<boolean>((ok) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      ok(true);
    });
    socket.once("error", () => ok(false));
  });

/** The forwarder's pid and routes, if the recorded process still runs and is ours. */
export async function runningForwarder(c: EmulateConfig) {
  const text = await readFile(forwarderPidFile(c), "utf8").catch(() => "");
  const [pidLine, routes] = text.split("\n");
  const pid = Number(pidLine);
  if (!pid) return undefined;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return cmdline.includes(script) ? { pid, routes: routes ?? "" } : undefined;
}

/** Stops the forwarder this stage started, if any. */
export async function stopForwarder(c: EmulateConfig): Promise<boolean> {
  const running = await runningForwarder(c);
  await rm(forwarderPidFile(c), { force: true });
  if (!running) return false;
  process.kill(running.pid, "SIGTERM");
  for (let i = 0; i < 50 && (await runningForwarder(c)); i++) await sleep(100);
  return true;
}

/** Starts (or keeps, when its routes are unchanged) the forwarder, detached from this process. */
export async function ensureForwarder(c: EmulateConfig, routes: Route[]): Promise<void> {
  const wanted = JSON.stringify(routes);
  const running = await runningForwarder(c);
  if (running?.routes === wanted) return;
  if (running) await stopForwarder(c);
  await mkdir(dirname(forwarderPidFile(c)), { recursive: true });
  const log = openSync(forwarderLog(c), "a");
  try {
    const child = spawn(process.execPath, ["--import", "tsx", script, wanted], {
      detached: true,
      stdio: ["ignore", log, log],
      cwd: c.root,
    });
    child.unref();
    await writeFile(forwarderPidFile(c), `${child.pid}\n${wanted}\n`);
  } finally {
    closeSync(log);
  }
  for (let i = 0; i < 100; i++) {
    const up = await Promise.all(routes.map((r) => listening(r.port)));
    if (up.every(Boolean)) return;
    await sleep(100);
  }
  throw new Error(`the Function URL forwarder did not start (see ${forwarderLog(c)})`);
}
