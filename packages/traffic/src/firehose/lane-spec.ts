import type { KafkaConfig } from "@gg/core/kafka";
import type { BulkProducer, BulkProducerOptions } from "@gg/core/kafka-bulk";
import {
  type ClickstreamKind,
  type ClickstreamSourceOptions,
  createClickstreamSource,
} from "../scenarios/clickstream/firehose-source";
import {
  createGourmetGramSource,
  type GourmetGramSourceOptions,
} from "../scenarios/gourmetgram/firehose-source";
import { type LaneConfig, type LaneControl, runLane, type StopReason } from "./lane";
import type { RecordSource } from "./record-source";

/** Which records a lane makes: plain data, so it can cross into a worker thread. */
export type SourceSpec =
  | ({ scenario: "clickstream" } & ClickstreamSourceOptions)
  | ({ scenario: "gourmetgram" } & GourmetGramSourceOptions);

/** Kafka settings a worker can receive (no log sink function: workers log at warn to stderr). */
export type LaneKafkaConfig = Omit<KafkaConfig, "log">;

/** Everything one lane needs, structured-clone safe. */
export interface LaneSpec {
  kafka: LaneKafkaConfig;
  producer: BulkProducerOptions;
  source: SourceSpec;
  lane: LaneConfig;
}

/** The source a spec describes. */
export function createSource(spec: SourceSpec): RecordSource {
  return spec.scenario === "clickstream"
    ? createClickstreamSource(spec)
    : createGourmetGramSource(spec);
}

/**
 * Builds the lane's source and producer, connects (failing fast when Kafka is down), awaits
 * `onReady`, runs the lane and closes the producer. With `sender` (a worker's link to its
 * parent's producer) it sends through that instead and never loads the Kafka client.
 */
export async function runLaneSpec(
  spec: LaneSpec,
  control: LaneControl & { onReady?: () => void | Promise<void> },
  sender?: BulkProducer,
): Promise<StopReason> {
  const source = createSource(spec.source);
  if (sender) {
    await control.onReady?.();
    return await runLane(source, sender, spec.lane, control);
  }
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

export type { ClickstreamKind };
