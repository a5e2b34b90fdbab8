import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { AppError, type Code } from "@gg/core/errors";
import type { BulkProducerOptions } from "@gg/core/kafka-bulk";
import type { WireBatch } from "./batch-wire";
import type { LaneKafkaConfig } from "./lane-spec";

/** A lane to the sender: one packed batch. */
export type ToSender = { id: number; batch: WireBatch };
/** The sender to a lane: how one batch went. */
export type ToLane =
  | { type: "acked"; id: number }
  | { type: "failed"; id: number; error: { message: string; code: Code } };
/** The sender to its parent, once: connected, or not. */
export type SenderMessage =
  | { type: "ready" }
  | { type: "failed"; error: { message: string; code: Code } };

/** The running sender thread. */
export interface Sender {
  /** A new port to it, for one lane (transfer it to the lane's worker). */
  port(): MessagePort;
  /** Closes the Kafka client (after every lane has finished) and ends the thread. */
  close(): Promise<void>;
}

/**
 * V8 heap bounds for the sender: @platformatic/kafka's code (~45 MB with its wasm, avsc,
 * protobufjs and ajv) and the produce requests being encoded. Unbounded (on the main thread), its
 * heap grew to ~95 MB with 80 MB of external buffers in a 10 s run.
 */
export const SENDER_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

const bootstrap = new URL("./lane-worker-bootstrap.mjs", import.meta.url);

/**
 * Starts the thread that runs the process's one Kafka client for every worker lane, and connects
 * it (loading `topics`' metadata): rejects with UNAVAILABLE when Kafka is not there.
 */
export async function startSender(
  kafka: LaneKafkaConfig,
  producer: BulkProducerOptions,
  topics: string[],
): Promise<Sender> {
  const worker = new Worker(bootstrap, {
    workerData: { entry: "sender", kafka, producer, topics },
    resourceLimits: SENDER_HEAP,
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    worker.once("message", (m: SenderMessage) => {
      if (m.type === "ready") resolve();
      else reject(new AppError(m.error.code, m.error.message, { dependency: "kafka" }));
    });
    worker.once("error", (e) =>
      reject(new AppError("INTERNAL", `firehose sender crashed: ${e.message}`, { cause: e })),
    );
    void exited.then(() => reject(new AppError("INTERNAL", "firehose sender exited")));
  }).catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });
  // A crash mid-run closes the lanes' ports, which fail their batches in flight (lane-worker.ts).
  worker.on("error", () => {});
  return {
    port() {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ type: "lane", port: port1 }, [port1]);
      return port2;
    },
    async close() {
      worker.postMessage("close");
      // The client's close is quick; a thread that does not end in 5 s is ended.
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
