import { type ChildProcess, spawn } from "node:child_process";
import type { ShardInvoker, ShardJob } from "./job";

export interface ProcessShards {
  /** Starts `entry` in a new Node process with the job as its last argument. */
  invoke: ShardInvoker;
  /** Resolves once every started shard process has exited; each one's stdout and exit code. */
  settled(): Promise<{ job: ShardJob; code: number | null; stdout: string }[]>;
}

/**
 * Shards as local worker processes, the stand-in for async Lambda invocations: each shard runs in
 * its own process (its own event loop and core, as a Lambda instance would), started with this
 * process's Node flags (the tsx loader in development). `invoke` resolves once the process is
 * started; its stderr goes to ours.
 */
export function processShards(
  entry: string,
  args: readonly string[] = [],
  nodeArgs: readonly string[] = process.execArgv,
): ProcessShards {
  const running: Promise<{ job: ShardJob; code: number | null; stdout: string }>[] = [];
  return {
    invoke: async (job) => {
      const child: ChildProcess = spawn(
        process.execPath,
        [...nodeArgs, entry, ...args, JSON.stringify(job)],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let stdout = "";
      child.stdout?.on("data", (d: Buffer) => {
        stdout += d.toString();
      });
      const exited = new Promise<{ job: ShardJob; code: number | null; stdout: string }>(
        (resolve) => child.once("close", (code) => resolve({ job, code, stdout })),
      );
      running.push(exited);
      await new Promise<void>((resolve, reject) => {
        child.once("spawn", () => resolve());
        child.once("error", reject);
      });
    },
    settled: () => Promise.all(running),
  };
}
