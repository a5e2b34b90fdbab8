import type { MessagePort } from "node:worker_threads";
import type { AppError } from "@gg/core/errors";
import { type LaneCounters, newCounters, type StopReason } from "./lane";
import { type LaneSpec, runLaneSpec } from "./lane-spec";
import { SENDER_HEAP } from "./sender";
import { fromWire, type LaneCommand, type LaneMessage, startWorker } from "./worker-protocol";

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
 * V8 heap bounds for a worker lane. Unbounded, V8 sizes each worker's heap for throughput, several
 * times its live set, in a process that runs several. The old space gets room for the modules (the
 * generators; the Kafka client too when the lane runs its own, as the sender's heap does), its
 * source (`sourceHeapMb`: the world) and the batch being generated (~1 kB a record's objects until
 * packed), plus slack; packed batches live outside the heap. A lane that outgrows it fails with
 * the worker's out-of-memory error.
 */
function laneHeapLimits(
  spec: LaneSpec,
  ownsClient: boolean,
): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  const batch = (spec.lane.batchSize * 2 * 1_000) / 1e6;
  const client = ownsClient ? SENDER_HEAP.maxOldGenerationSizeMb : 0;
  return {
    maxOldGenerationSizeMb: Math.ceil(48 + client + spec.sourceHeapMb + batch),
    maxYoungGenerationSizeMb: 8,
  };
}

/**
 * Runs a lane's generation in a worker thread, so it gets a core of its own. With `sendPort` it
 * sends its batches to the sender thread (sender.ts) that the run's lanes share; without one it
 * runs its own Kafka client, so one lane is one thread.
 */
export function startWorkerLane(
  spec: LaneSpec,
  progressMs: number,
  sendPort?: MessagePort,
): LaneHandle {
  let counters = newCounters();
  let markReady: (at: number) => void = () => {};
  const ready = new Promise<number>((resolve) => {
    markReady = resolve;
  });
  // A promise settles once: a crash or the thread's exit after "done" changes nothing.
  let resolveDone: (reason: StopReason) => void = () => {};
  let rejectDone: (e: AppError) => void = () => {};
  const done = new Promise<StopReason>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const { worker } = startWorker(
    "lane",
    "firehose worker",
    { spec, progressMs, sendPort },
    {
      transferList: sendPort ? [sendPort] : [],
      resourceLimits: laneHeapLimits(spec, !sendPort),
    },
    (e) => rejectDone(e),
  );
  const command = (c: LaneCommand) => worker.postMessage(c);
  let started = false;
  let stopped = false;
  worker.on("message", (m: LaneMessage) => {
    if (m.type !== "ready") counters = m.counters;
    if (m.type === "ready") {
      if (stopped) return;
      started = true;
      command("go");
      markReady(m.at);
    } else if (m.type === "done") resolveDone(m.reason);
    else if (m.type === "failed") rejectDone(fromWire(m.error));
  });
  // A lane not yet told to go (it may be building its world, a second or more, synchronously) has
  // sent nothing: ending the thread is the prompt and lossless way to stop it.
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) command("stop");
    else {
      resolveDone("abort");
      void worker.terminate();
    }
  };
  return { counters: () => counters, ready, done, stop };
}

/** Runs a lane on the calling thread, its Kafka client included (what `threads: 0` uses). */
export function startLocalLane(spec: LaneSpec): LaneHandle {
  const counters = newCounters();
  const abort = new AbortController();
  let markReady: (at: number) => void = () => {};
  const ready = new Promise<number>((resolve) => {
    markReady = resolve;
  });
  const done = runLaneSpec(spec, {
    counters,
    signal: abort.signal,
    onReady: () => markReady(Date.now()),
  });
  return { counters: () => counters, ready, done, stop: () => abort.abort() };
}
