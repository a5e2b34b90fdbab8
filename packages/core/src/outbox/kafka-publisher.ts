import { type Producer, partitionOf } from "../kafka/index";
import type { OutboxMessage, Publisher } from "./publisher";

/**
 * Publishes outbox rows with our acks=all idempotent producer. Rows are grouped by topic and,
 * once the producer knows the topic's partition count, by partition (the Java client's murmur2
 * of the key, as the producer itself would choose), each group in id order and sent on its own:
 * a partition that fails after a broker restart leaves its rows pending, and the groups that
 * were acknowledged are marked sent, never sent twice. Per-key order holds: a key lives in one
 * partition, and a group acknowledges a prefix of its rows. A topic prefix (empty by default:
 * the contract's names) lets tests and shared clusters keep runs apart.
 */
export function kafkaPublisher(
  producer: Producer,
  options: { topicPrefix?: string } = {},
): Publisher {
  const prefix = options.topicPrefix ?? "";
  return {
    name: "kafka",
    async publish(messages) {
      const groups = new Map<
        string,
        { topic: string; partition?: number; rows: OutboxMessage[] }
      >();
      for (const m of messages) {
        const topic = prefix + m.topic;
        const count = producer.partitionCount(topic);
        const partition = count ? partitionOf(Buffer.from(m.key), count) : undefined;
        const id = `${topic}\u0000${partition ?? ""}`;
        const group = groups.get(id);
        if (group) group.rows.push(m);
        else groups.set(id, { topic, partition, rows: [m] });
      }
      const acked: string[] = [];
      let error: unknown;
      await Promise.all(
        [...groups.values()].map(async ({ topic, partition, rows }) => {
          const out = await producer.sendRawCounted(
            { name: topic },
            rows.map((m) => ({ key: m.key, value: m.value, partition })),
          );
          for (const m of rows.slice(0, out.acked)) acked.push(m.id);
          error ??= out.error;
        }),
      );
      return { acked, error };
    },
  };
}
