// A worker thread's entry: runs one lane's generation and pacing; its batches go, packed into
// transferred buffers, to the sender thread's one Kafka client, which answers each with its ack.
import { isMainThread, type MessagePort, parentPort, workerData } from "node:worker_threads";
import { AppError, isAppError } from "@gg/core/errors";
import type { BulkProducer } from "@gg/core/kafka-bulk";
import { packBatch } from "./batch-wire";
import { newCounters } from "./lane";
import type { LaneMessage } from "./lane-handle";
import { type LaneSpec, runLaneSpec } from "./lane-spec";
import type { ToLane, ToSender } from "./sender";

if (isMainThread || !parentPort) throw new Error("lane-worker.ts runs in a worker thread");
const port = parentPort;
const { spec, progressMs, sendPort } = workerData as {
  spec: LaneSpec;
  progressMs: number;
  sendPort: MessagePort;
};
const counters = newCounters();
const abort = new AbortController();
const post = (m: LaneMessage) => port.postMessage(m);

// Batches sent to the sender thread and not yet answered.
const pending = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
let nextId = 0;
let senderGone = false;
const gone = () =>
  new AppError("UNAVAILABLE", "firehose sender thread ended", { dependency: "kafka" });
const sender: BulkProducer = {
  async connect() {},
  send(records) {
    if (records.length === 0) return Promise.resolve();
    if (senderGone) return Promise.reject(gone());
    const id = nextId++;
    const batch = packBatch(records);
    return new Promise<void>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      sendPort.postMessage({ id, batch } satisfies ToSender, [batch.data]);
    });
  },
  async close() {},
};
sendPort.on("message", (m: ToLane) => {
  const p = pending.get(m.id);
  pending.delete(m.id);
  if (m.type === "acked") p?.resolve();
  else p?.reject(new AppError(m.error.code, m.error.message, { dependency: "kafka" }));
});
sendPort.on("close", () => {
  senderGone = true;
  for (const p of pending.values()) p.reject(gone());
  pending.clear();
});

// After "ready" the lane waits for "go": the parent then knows that a lane it has not told to go
// has sent nothing, and may simply terminate it.
let go: () => void = () => {};
const started = new Promise<void>((resolve) => {
  go = resolve;
});
port.on("message", (m: "go" | "stop") => {
  if (m === "stop") abort.abort();
  go();
});
const timer = setInterval(() => post({ type: "progress", counters }), progressMs);
try {
  const reason = await runLaneSpec(
    spec,
    {
      counters,
      signal: abort.signal,
      onReady: () => {
        post({ type: "ready", at: Date.now() });
        return started;
      },
    },
    sender,
  );
  post({ type: "done", reason, counters });
} catch (e) {
  const error = {
    message: e instanceof Error ? e.message : String(e),
    code: isAppError(e) ? e.code : "INTERNAL",
  };
  post({ type: "failed", error, counters });
} finally {
  clearInterval(timer);
  sendPort.close();
  port.close();
}
