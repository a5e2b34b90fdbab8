// The sender thread (sender.ts starts it): one Kafka client for the run's worker lanes. Each lane
// gets a MessagePort to it, sends packed batches (batch-wire.ts) and gets each one's ack or
// failure back.
import { isMainThread, type MessagePort, parentPort, workerData } from "node:worker_threads";
import { type BulkProducerOptions, createBulkProducer } from "@gg/core/kafka-bulk";
import { unpackBatch } from "./batch-wire";
import type { LaneKafkaConfig } from "./lane-spec";
import {
  type SenderCommand,
  type SenderMessage,
  type ToLane,
  type ToSender,
  toWire,
} from "./worker-protocol";

if (isMainThread || !parentPort) throw new Error("sender-worker.ts runs in a worker thread");
const parent = parentPort;
const {
  kafka,
  producer: options,
  topics,
} = workerData as {
  kafka: LaneKafkaConfig;
  producer: BulkProducerOptions;
  topics: string[];
};
const producer = createBulkProducer(kafka, options);
const lanes = new Set<MessagePort>();

function serve(port: MessagePort): void {
  lanes.add(port);
  const answer = (m: ToLane) => port.postMessage(m);
  port.on("message", (m: ToSender) => {
    let records: ReturnType<typeof unpackBatch>;
    try {
      records = unpackBatch(m.batch);
    } catch (e) {
      answer({ type: "failed", id: m.id, error: toWire(e) });
      return;
    }
    producer.send(records).then(
      () => answer({ type: "acked", id: m.id }),
      (e: unknown) => answer({ type: "failed", id: m.id, error: toWire(e) }),
    );
  });
}

parent.on("message", (m: SenderCommand) => {
  if (m === "close") {
    void producer.close().finally(() => {
      for (const p of lanes) p.close();
      parent.close();
    });
  } else serve(m.port);
});

try {
  await producer.connect(topics);
  parent.postMessage({ type: "ready" } satisfies SenderMessage);
} catch (e) {
  parent.postMessage({ type: "failed", error: toWire(e) } satisfies SenderMessage);
}
