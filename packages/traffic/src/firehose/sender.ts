import { MessageChannel, type MessagePort } from "node:worker_threads";
import type { AppError } from "@gg/core/errors";
import type { BulkProducerOptions } from "@gg/core/kafka-bulk";
import type { LaneKafkaConfig } from "./lane-spec";
import { fromWire, type SenderCommand, type SenderMessage, startWorker } from "./worker-protocol";

/** The running sender thread. */
export interface Sender {
  /** A new port to it, for one lane (transfer it to the lane's worker). */
  port(): MessagePort;
  /** Closes the Kafka client (after every lane has finished) and ends the thread. */
  close(): Promise<void>;
}

/**
 * V8 heap bounds for the thread that runs a Kafka client: @platformatic/kafka's code (its wasm,
 * avsc, protobufjs and ajv) and the produce requests being encoded. Unbounded, V8 grows it for
 * throughput to several times that.
 */
export const SENDER_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

/**
 * Starts the thread that runs one Kafka client for the run's worker lanes, and connects it (loading
 * `topics`' metadata): rejects with UNAVAILABLE when Kafka is not there. Several lanes share it so
 * that each does not carry a client of its own.
 */
export async function startSender(
  kafka: LaneKafkaConfig,
  producer: BulkProducerOptions,
  topics: string[],
): Promise<Sender> {
  let fail: (e: AppError) => void = () => {};
  const { worker, exited } = startWorker(
    "sender",
    "firehose sender",
    { kafka, producer, topics },
    { resourceLimits: SENDER_HEAP },
    (e) => fail(e),
  );
  const command = (c: SenderCommand, transfer: MessagePort[] = []) =>
    worker.postMessage(c, transfer);
  await new Promise<void>((resolve, reject) => {
    fail = reject;
    worker.once("message", (m: SenderMessage) =>
      m.type === "ready" ? resolve() : reject(fromWire(m.error)),
    );
  }).catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });
  // A crash mid-run closes the lanes' ports, which fail their batches in flight (lane-worker.ts).
  fail = () => {};
  return {
    port() {
      const { port1, port2 } = new MessageChannel();
      command({ type: "lane", port: port1 }, [port1]);
      return port2;
    },
    async close() {
      command("close");
      // The client's close is quick; a thread that does not end in 5 s is ended.
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
