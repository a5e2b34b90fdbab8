import { Worker } from "node:worker_threads";
import { AppError, type Code } from "@gg/core/errors";
import { type LaneCounters, newCounters, type StopReason } from "./lane";
import type { LaneSpec } from "./lane-spec";

/** What a worker lane tells its parent. */
export type LaneMessage =
  | { type: "ready"; at: number }
  | { type: "progress"; counters: LaneCounters }
  | { type: "done"; reason: StopReason; counters: LaneCounters }
  | { type: "failed"; error: { message: string; code: Code }; counters: LaneCounters };

/** A running lane, in this thread or a worker: its latest counters, readiness, end and stop. */
export interface LaneHandle {
  counters(): LaneCounters;
  /** Resolves with the wall-clock time (ms) the lane began sending. */
  readonly ready: Promise<number>;
  /** Resolves with why it stopped; rejects with an AppError when it failed. */
  readonly done: Promise<StopReason>;
  stop(): void;
}

const bootstrap = new URL("./lane-worker-bootstrap.mjs", import.meta.url);

/** Runs a lane in a worker thread, so generation and encoding get a core of their own. */
export function startWorkerLane(spec: LaneSpec, progressMs: number): LaneHandle {
  let counters = newCounters();
  const worker = new Worker(bootstrap, { workerData: { spec, progressMs } });
  let markReady: (at: number) => void = () => {};
  const ready = new Promise<number>((resolve) => {
    markReady = resolve;
  });
  let started = false;
  let stopped = false;
  let stopBeforeStart: () => void = () => {};
  const done = new Promise<StopReason>((resolve, reject) => {
    let settled = false;
    stopBeforeStart = () => {
      settled = true;
      resolve("abort");
      void worker.terminate();
    };
    worker.on("message", (m: LaneMessage) => {
      counters = m.type === "ready" ? counters : m.counters;
      if (m.type === "ready") {
        if (stopped) return;
        started = true;
        worker.postMessage("go");
        markReady(m.at);
      } else if (m.type === "done") {
        settled = true;
        resolve(m.reason);
      } else if (m.type === "failed") {
        settled = true;
        reject(new AppError(m.error.code, m.error.message, { dependency: "kafka" }));
      }
    });
    worker.on("error", (e) => {
      settled = true;
      reject(new AppError("INTERNAL", `firehose worker crashed: ${e.message}`, { cause: e }));
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new AppError("INTERNAL", `firehose worker exited with code ${code}`));
    });
  });
  // A lane not yet told to go (it may be building its world, a second or more, synchronously) has
  // sent nothing: ending the thread is the prompt and lossless way to stop it.
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) worker.postMessage("stop");
    else stopBeforeStart();
  };
  return { counters: () => counters, ready, done, stop };
}
