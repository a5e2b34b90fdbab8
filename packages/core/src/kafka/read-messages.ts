import { randomUUID } from "node:crypto";
import type { Kafka } from "kafkajs";
import type { TopicDef } from "./topic";

/** A message as read back: key, parsed JSON value and where it sat in the log. */
export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  /** Broker or producer timestamp, ms since the epoch. */
  timestamp: number;
  key: string | null;
  value: T;
  /**
   * The record batch's producer id: "-1" when the producer was not idempotent. Read from
   * kafkajs' undocumented `batchContext`, so undefined if a kafkajs version drops it.
   */
  producerId: string | undefined;
}

/** Where a partition's log stands: the offset of the next message written to it. */
export interface PartitionOffset {
  partition: number;
  offset: string;
}

/**
 * The offsets a reader that starts now would start at (each partition's end), or `undefined`
 * when the topic does not exist yet: then all it will ever hold comes after now.
 */
export async function endOffsets(
  kafka: Kafka,
  topic: string,
): Promise<PartitionOffset[] | undefined> {
  const admin = kafka.admin({ retry: { retries: 2 } });
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) return undefined;
    return (await admin.fetchTopicOffsets(topic)).map((p) => ({
      partition: p.partition,
      offset: p.offset,
    }));
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

export interface ReadOptions {
  count: number;
  timeoutMs?: number;
  /** Only messages it accepts are counted and returned (a topic other writers share). */
  match?: (message: ConsumedMessage<unknown>) => boolean;
  fromBeginning?: boolean;
  /**
   * Start at these offsets (what `endOffsets` took before the writes), so a reader of a topic
   * that others share and that keeps its history scans only what came after.
   */
  from?: PartitionOffset[];
  /** After `count` arrived, keep listening this long so extra (duplicate) messages show up. */
  settleMs?: number;
}

/**
 * Reads at least `count` messages with a throwaway consumer group (for tests and checks).
 * Values are JSON-parsed, and schema-checked when a TopicDef is given; a null or non-JSON value
 * is an error. Throws on timeout, saying how many arrived.
 */
export async function readMessages<T = unknown>(
  kafka: Kafka,
  topic: TopicDef<T> | string,
  options: ReadOptions,
): Promise<ConsumedMessage<T>[]> {
  const name = typeof topic === "string" ? topic : topic.name;
  const groupId = `gg-read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, retry: { retries: 3 } });
  const got: ConsumedMessage<T>[] = [];
  let failure: Error | undefined;
  let enough: () => void = () => {};
  const reached = new Promise<void>((resolve) => {
    enough = resolve;
  });
  // Where each partition's reading starts (`from`): the consumer seeks there once it runs, and
  // what a fetch already in flight brings from before it is dropped.
  const start = new Map(options.from?.map((p) => [p.partition, BigInt(p.offset)]));
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: name, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const first = start.get(partition);
        if (first !== undefined && BigInt(message.offset) < first) return;
        const where = `${name}[${partition}]@${message.offset}`;
        try {
          if (message.value === null) throw new Error(`${where}: null value`);
          const json: unknown = JSON.parse(message.value.toString("utf8"));
          const value = typeof topic === "string" ? (json as T) : topic.schema.parse(json);
          const consumed = {
            topic: name,
            partition,
            offset: message.offset,
            timestamp: Number(message.timestamp),
            key: message.key?.toString("utf8") ?? null,
            value,
            producerId: (message as { batchContext?: { producerId?: string } }).batchContext
              ?.producerId,
          };
          if (!options.match || options.match(consumed)) got.push(consumed);
        } catch (e) {
          failure ??= new Error(`${where}: unreadable message: ${(e as Error).message}`);
          enough();
        }
        if (got.length >= options.count) enough();
      },
    });
    // Not the admin's setOffsets before joining: it runs a consumer of its own and waits out that
    // consumer's fetch (kafkajs' 5 s maxWaitTime) on every read.
    for (const [partition, offset] of start)
      consumer.seek({ topic: name, partition, offset: offset.toString() });
    const timeoutMs = options.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const outcome = await Promise.race([reached, timedOut]);
    clearTimeout(timer);
    if (failure) throw failure;
    if (outcome === "timeout") {
      throw new Error(
        `readMessages(${name}): got ${got.length} of ${options.count} messages within ${timeoutMs} ms`,
      );
    }
    if (options.settleMs) await new Promise((r) => setTimeout(r, options.settleMs));
    return [...got];
  } finally {
    await consumer.disconnect().catch(() => {});
    await deleteGroup(kafka, groupId);
  }
}

// Throwaway groups would otherwise pile up in the broker's offsets topic, one per test run.
async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // Best effort: an undeleted group is harmless.
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
