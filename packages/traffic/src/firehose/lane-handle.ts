import { type MessagePort, Worker } from "node:worker_threads";
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

/**
 * V8 heap bounds for a worker lane. Unbounded, each worker's heap grew to ~130 MB (old space ~90,
 * new space 32) under the firehose's allocation rate, for a live set of ~40 MB: V8 sizes a heap
 * for throughput, not for a process that runs several. The old space gets room for the modules
 * (~20 MB: the generators; the Kafka client runs in the sender thread), the world (~100 B a
 * user, ~500 B a product) and the batch being generated (~1 kB a record's objects until packed),
 * plus slack; packed batches live outside the heap. A lane that outgrows it fails with the
 * worker's out-of-memory error.
 */
export function laneHeapLimits(spec: LaneSpec): {
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
} {
  const settings = spec.source.scenario === "clickstream" ? spec.source.settings : undefined;
  const world =
    spec.source.scenario === "clickstream"
      ? ((settings?.users ?? 100_000) * 100 + (settings?.products ?? 10_000) * 500) / 1e6
      : 10;
  const batch = (spec.lane.batchSize * 2 * 1_000) / 1e6;
  return {
    maxOldGenerationSizeMb: Math.ceil(48 + world + batch),
    maxYoungGenerationSizeMb: 8,
  };
}

const bootstrap = new URL("./lane-worker-bootstrap.mjs", import.meta.url);

/**
 * Runs a lane's generation in a worker thread, so it gets a core of its own; it sends its batches
 * through `sendPort` to the sender thread (sender.ts), which all lanes share.
 */
export function startWorkerLane(
  spec: LaneSpec,
  progressMs: number,
  sendPort: MessagePort,
): LaneHandle {
  let counters = newCounters();
  const worker = new Worker(bootstrap, {
    workerData: { spec, progressMs, sendPort },
    transferList: [sendPort],
    resourceLimits: laneHeapLimits(spec),
  });
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
