// A child process run to its end without blocking the caller's event loop: the scripts here run
// inside vitest workers too, and a unit file beside the landed-time test runs at nice 19, where a
// child's seconds take tens. A synchronous child (spawnSync, execFileSync) then holds the worker
// past vitest's 60 s RPC timeout, and vitest stops the whole run ("Timeout calling onTaskUpdate").
import { type ExecFileOptions, execFile } from "node:child_process";

export interface ChildResult {
  /** The exit code; null when a signal (the timeout's) ended it or it never started. */
  status: number | null;
  stdout: string;
  /** Its stderr, or why it could not start. */
  stderr: string;
}

/** Runs `command` with `args` to its end; resolves with how it ended, never rejects. */
export function runChild(
  command: string,
  args: string[],
  options: ExecFileOptions = {},
): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { maxBuffer: 64 * 1024 * 1024, ...options, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({
          status: error ? (typeof code === "number" ? code : null) : 0,
          stdout: String(stdout),
          stderr: String(stderr) || (error && typeof code !== "number" ? String(error) : ""),
        });
      },
    );
  });
}
