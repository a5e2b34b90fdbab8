import type { KafkaConfig } from "@gg/core/kafka";
import type { ClickstreamTopic } from "../clickstream/index";
import type { ScenarioRunner } from "./scenario";

/** Direct-to-Kafka delivery for clickstream streams. */
export interface ClickstreamSettings {
  kafka: KafkaConfig;
  topics: Record<ClickstreamTopic, string>;
}

/**
 * The clickstream scenario, built on its first minute: a deployment with only GourmetGram streams
 * never connects a producer. Imported dynamically because the clickstream runner builds on this
 * package's runner (a static import would be a cycle).
 */
export function lazyClickstreamRunner(settings: ClickstreamSettings): {
  runner: ScenarioRunner;
  close(): Promise<void>;
} {
  let built: Promise<{ runner: ScenarioRunner; close(): Promise<void> }> | undefined;
  const build = async () => {
    const [Kafka, { clickstreamRunner }] = await Promise.all([
      import("@gg/core/kafka"),
      import("../clickstream-runner/index"),
    ]);
    const producer = Kafka.createProducer(Kafka.createKafka(settings.kafka));
    return {
      runner: clickstreamRunner({ producer, topics: settings.topics }),
      close: () => producer.disconnect(),
    };
  };
  return {
    runner: {
      async runMinute(job) {
        built ??= build();
        return (await built).runner.runMinute(job);
      },
    },
    async close() {
      if (built) await (await built).close().catch(() => {});
    },
  };
}
