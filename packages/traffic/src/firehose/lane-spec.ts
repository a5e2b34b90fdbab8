import type { KafkaConfig } from "@gg/core/kafka";
import type { BulkProducer, BulkProducerOptions } from "@gg/core/kafka-bulk";
import { type LaneConfig, type LaneControl, runLane, type StopReason } from "./lane";
import type { FirehoseSourceModule } from "./source";

/** Kafka settings a worker can receive (no log sink function: workers log at warn to stderr). */
export type LaneKafkaConfig = Omit<KafkaConfig, "log">;

/** Everything one lane needs, structured-clone safe: it crosses into the lane's worker. */
export interface LaneSpec {
  kafka: LaneKafkaConfig;
  producer: BulkProducerOptions;
  /** Its scenario's source module (`FirehoseSource.module`) and this lane's options for it. */
  source: { module: string; options: unknown };
  /** The old-space megabytes the source holds (`FirehoseSource.heapMb`). */
  sourceHeapMb: number;
  lane: LaneConfig;
}

/**
 * Builds the lane's source (its scenario's module, loaded in this thread only now) and, without
 * `sender`, its own producer; connects (failing fast when Kafka is down), awaits `onReady`, runs
 * the lane and closes the producer. With `sender` (a worker's link to the shared sender thread)
 * the lane sends through it and never loads the Kafka client.
 */
export async function runLaneSpec(
  spec: LaneSpec,
  control: LaneControl & { onReady?: () => void | Promise<void> },
  sender?: BulkProducer,
): Promise<StopReason> {
  const { createFirehoseSource } = (await import(spec.source.module)) as FirehoseSourceModule;
  const source = createFirehoseSource(spec.source.options);
  if (sender) {
    await control.onReady?.();
    return await runLane(source, sender, spec.lane, control);
  }
  // Loaded here, not at the top: a process whose lanes share a sender thread never needs the
  // client (its wasm and codecs) in the lanes' or the main isolate.
  const { createBulkProducer } = await import("@gg/core/kafka-bulk");
  const producer = createBulkProducer(spec.kafka, spec.producer);
  try {
    await producer.connect(source.topics);
    await control.onReady?.();
    return await runLane(source, producer, spec.lane, control);
  } finally {
    await producer.close();
  }
}
