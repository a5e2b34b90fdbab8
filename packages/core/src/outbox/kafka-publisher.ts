import type { Producer } from "../kafka/index";
import type { OutboxMessage, Publisher } from "./publisher";

/**
 * Publishes outbox rows with our acks=all idempotent producer. Rows are grouped by topic keeping
 * their id order, so per-key order (one key, one partition) is what was committed. A topic prefix
 * (empty by default: the contract's names) lets tests and shared clusters keep runs apart.
 */
export function kafkaPublisher(
  producer: Producer,
  options: { topicPrefix?: string } = {},
): Publisher {
  const prefix = options.topicPrefix ?? "";
  return {
    name: "kafka",
    async publish(messages) {
      const byTopic = new Map<string, OutboxMessage[]>();
      for (const m of messages) {
        const list = byTopic.get(m.topic);
        if (list) list.push(m);
        else byTopic.set(m.topic, [m]);
      }
      await Promise.all(
        [...byTopic].map(([name, list]) =>
          producer.sendRaw(
            { name: prefix + name },
            list.map((m) => ({ key: m.key, value: m.value })),
          ),
        ),
      );
    },
  };
}
