import {
  type ClickstreamKind,
  createKafka,
  createProducer,
  type KafkaConfig,
  type Producer,
} from "@gg/core/kafka";
import type { RateCeilings } from "../index";
import { clickstreamScenario } from "./scenario";

/** Direct-to-Kafka delivery for clickstream streams. */
export interface ClickstreamDelivery {
  kafka: KafkaConfig;
  topics: Record<ClickstreamKind, string>;
}

/**
 * The clickstream wired for one generator process: its producer connects on the first clickstream
 * minute, so a deployment with only GourmetGram streams never opens a Kafka connection.
 */
export function clickstreamPlugin(delivery: ClickstreamDelivery, ceilings: RateCeilings) {
  let producer: Producer | undefined;
  return clickstreamScenario({
    producer: () => {
      producer ??= createProducer(createKafka(delivery.kafka));
      return producer;
    },
    topics: delivery.topics,
    maxRate: ceilings.clickstream,
    close: async () => {
      await producer?.disconnect().catch(() => {});
    },
  });
}
