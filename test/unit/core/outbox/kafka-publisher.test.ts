import { AppError } from "@gg/core/errors";
import { type Producer, partitionOf, type RawMessage } from "@gg/core/kafka";
import { kafkaPublisher, type OutboxMessage } from "@gg/core/outbox";
import { describe, expect, it } from "vitest";

/** A producer that knows 3 partitions per topic and refuses partition `refused` of topic `b`. */
function fakeProducer(refused: number) {
  const sends: { topic: string; messages: RawMessage[] }[] = [];
  const producer = {
    partitionCount: () => 3,
    async sendRawCounted(topic: { name: string }, messages: readonly RawMessage[]) {
      sends.push({ topic: topic.name, messages: [...messages] });
      if (topic.name === "p.b" && messages[0]?.partition === refused) {
        return { acked: 0, error: new AppError("UNAVAILABLE", "NOT_LEADER_FOR_PARTITION") };
      }
      return { acked: messages.length };
    },
  } as unknown as Producer;
  return { producer, sends };
}

const rows = (topic: string, n: number, from = 0): OutboxMessage[] =>
  Array.from({ length: n }, (_, i) => ({
    id: String(from + i + 1),
    eventId: `e${from + i}`,
    topic,
    key: `key-${i % 9}`,
    value: "{}",
  }));

describe("kafkaPublisher", () => {
  it("sends each topic's partition on its own, in id order, with the producer's own partition", async () => {
    const { producer, sends } = fakeProducer(-1);
    const batch = [...rows("a", 30), ...rows("b", 30, 30)];
    const out = await kafkaPublisher(producer, { topicPrefix: "p." }).publish(batch);
    expect(out.error).toBeUndefined();
    expect(out.acked).toHaveLength(60);
    for (const s of sends) {
      const partition = s.messages[0]?.partition;
      for (const m of s.messages) {
        expect(m.partition).toBe(partition);
        expect(partitionOf(Buffer.from(String(m.key)), 3)).toBe(partition);
      }
    }
    expect(new Set(sends.map((s) => `${s.topic}/${s.messages[0]?.partition}`)).size).toBe(
      sends.length,
    );
  });

  it("acknowledges the groups that were acked and not the refused partition's", async () => {
    const refused = partitionOf(Buffer.from("key-0"), 3);
    const { producer } = fakeProducer(refused);
    const batch = [...rows("a", 18), ...rows("b", 18, 18)];
    const out = await kafkaPublisher(producer, { topicPrefix: "p." }).publish(batch);
    expect(out.error).toBeInstanceOf(AppError);
    const lost = batch.filter(
      (m) => m.topic === "b" && partitionOf(Buffer.from(m.key), 3) === refused,
    );
    expect(lost.length).toBeGreaterThan(0);
    expect(new Set(out.acked)).toEqual(
      new Set(batch.filter((m) => !lost.includes(m)).map((m) => m.id)),
    );
  });
});
