import { type MessagePort, Worker, type WorkerOptions } from "node:worker_threads";
import { AppError, type Code, isAppError } from "@gg/core/errors";
import type { WireBatch } from "./batch-wire";
import type { LaneCounters, StopReason } from "./lane";

// Every message the firehose's threads exchange, and the one way an error crosses a thread: a
// worker sends its code and message, the receiver rethrows it as an AppError of that code, so
// UNAVAILABLE from the broker is still UNAVAILABLE (retriable) in the caller of runFirehose.

/** An error as it crosses a thread. */
export interface WireError {
  message: string;
  code: Code;
}

/** What a worker sends for a failure: the AppError's code, else INTERNAL. */
export const toWire = (e: unknown): WireError => ({
  message: e instanceof Error ? e.message : String(e),
  code: isAppError(e) ? e.code : "INTERNAL",
});

/** A failure received from a worker, as the error to throw (a Kafka-side one, retriable if so). */
export const fromWire = (e: WireError): AppError =>
  new AppError(e.code, e.message, { dependency: "kafka" });

/** A lane's worker to its parent: ready (then waits for "go"), progress, and how it ended. */
export type LaneMessage =
  | { type: "ready"; at: number }
  | { type: "progress"; counters: LaneCounters }
  | { type: "done"; reason: StopReason; counters: LaneCounters }
  | { type: "failed"; error: WireError; counters: LaneCounters };

/** The parent to a lane's worker: start sending, or stop. */
export type LaneCommand = "go" | "stop";

/** A lane to the sender thread: one packed batch. */
export type ToSender = { id: number; batch: WireBatch };
/** The sender thread to a lane: how one batch went. */
export type ToLane =
  | { type: "acked"; id: number }
  | { type: "failed"; id: number; error: WireError };

/** The sender thread to its parent, once: connected, or not. */
export type SenderMessage = { type: "ready" } | { type: "failed"; error: WireError };
/** The parent to the sender thread: a port for one more lane, or close once every lane is done. */
export type SenderCommand = { type: "lane"; port: MessagePort } | "close";

/** A firehose worker thread and the promise of its exit. */
export interface FirehoseWorker {
  worker: Worker;
  exited: Promise<void>;
}

// Worker threads do not inherit every runner's TypeScript loader (vitest's, for one): the
// bootstrap registers tsx before it imports the entry.
const bootstrap = new URL("./worker-bootstrap.mjs", import.meta.url);

/**
 * Starts a worker running `entry` (lane-worker.ts or sender-worker.ts) with `data`, and reports
 * a crash or an unexpected exit once, as an INTERNAL AppError naming `what`.
 */
export function startWorker(
  entry: "lane" | "sender",
  what: string,
  data: Record<string, unknown>,
  options: Pick<WorkerOptions, "resourceLimits" | "transferList">,
  onFatal: (e: AppError) => void,
): FirehoseWorker {
  const worker = new Worker(bootstrap, { ...options, workerData: { ...data, entry } });
  worker.on("error", (e) =>
    onFatal(new AppError("INTERNAL", `${what} crashed: ${e.message}`, { cause: e })),
  );
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", (code) => {
      onFatal(new AppError("INTERNAL", `${what} exited with code ${code}`));
      resolve();
    }),
  );
  return { worker, exited };
}
