// A lane's worker thread (worker-protocol.ts starts it): runs one lane's generation and pacing.
// With a port to the sender thread its batches go there packed into transferred buffers, and each
// is answered with its ack; without one the lane runs its own Kafka client.
import { isMainThread, type MessagePort, parentPort, workerData } from "node:worker_threads";
import { AppError } from "@gg/core/errors";
import type { BulkProducer } from "@gg/core/kafka-bulk";
import { packBatch } from "./batch-wire";
import { newCounters } from "./lane";
import { type LaneSpec, runLaneSpec } from "./lane-spec";
import {
  fromWire,
  type LaneCommand,
  type LaneMessage,
  type ToLane,
  type ToSender,
  toWire,
} from "./worker-protocol";

if (isMainThread || !parentPort) throw new Error("lane-worker.ts runs in a worker thread");
const port = parentPort;
const { spec, progressMs, sendPort } = workerData as {
  spec: LaneSpec;
  progressMs: number;
  sendPort?: MessagePort;
};
const counters = newCounters();
const abort = new AbortController();
const post = (m: LaneMessage) => port.postMessage(m);

/** The sender thread as a producer: each batch posted with an id, settled by its answer. */
function senderLink(sendPort: MessagePort): BulkProducer {
  const pending = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  let gone = false;
  const ended = () =>
    new AppError("UNAVAILABLE", "firehose sender thread ended", { dependency: "kafka" });
  sendPort.on("message", (m: ToLane) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === "acked") p?.resolve();
    else p?.reject(fromWire(m.error));
  });
  // A sender that crashed closes its ports: every batch in flight fails, none is left hanging.
  sendPort.on("close", () => {
    gone = true;
    for (const p of pending.values()) p.reject(ended());
    pending.clear();
  });
  return {
    async connect() {},
    send(records) {
      if (records.length === 0) return Promise.resolve();
      if (gone) return Promise.reject(ended());
      const id = nextId++;
      const batch = packBatch(records);
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        sendPort.postMessage({ id, batch } satisfies ToSender, [batch.data]);
      });
    },
    async close() {},
  };
}

// After "ready" the lane waits for "go": the parent then knows that a lane it has not told to go
// has sent nothing, and may simply terminate it.
let go: () => void = () => {};
const started = new Promise<void>((resolve) => {
  go = resolve;
});
port.on("message", (m: LaneCommand) => {
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
    sendPort ? senderLink(sendPort) : undefined,
  );
  post({ type: "done", reason, counters });
} catch (e) {
  post({ type: "failed", error: toWire(e), counters });
} finally {
  clearInterval(timer);
  sendPort?.close();
  port.close();
}
