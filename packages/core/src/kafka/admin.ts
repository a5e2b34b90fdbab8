import type { Kafka } from "kafkajs";
import { fromKafkaError, kafkaErrorType } from "./kafka-error";

export interface EnsureTopicsOptions {
  numPartitions?: number;
  replicationFactor?: number;
}

/**
 * Creates the topics that do not exist yet (existing ones are left as they are) and returns once
 * each partition has a leader, so a produce right after this call does not race the election.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly (string | { readonly name: string })[],
  options: EnsureTopicsOptions & { leaderTimeoutMs?: number } = {},
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics.map((t) => (typeof t === "string" ? t : t.name)))].filter(
      (n) => !existing.has(n),
    );
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: options.numPartitions ?? 3,
          // -1 = the broker's default.replication.factor (1 locally, 3 on managed clusters).
          replicationFactor: options.replicationFactor ?? -1,
        })),
      });
    } catch (e) {
      // kafkajs' own wait for leaders gives up when the broker it asks does not know a topic it
      // has just created yet (seen on a loaded broker): the topics exist, so wait here instead.
      if (kafkaErrorType(e) !== "UNKNOWN_TOPIC_OR_PARTITION") throw e;
      await waitForLeaders(admin, missing, options.leaderTimeoutMs ?? 30_000);
    }
  } catch (e) {
    // A concurrent creator got there first: the topic exists, which is all we wanted.
    if (kafkaErrorType(e) === "TOPIC_ALREADY_EXISTS") return;
    throw fromKafkaError(e, "ensure topics");
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function waitForLeaders(
  admin: ReturnType<Kafka["admin"]>,
  topics: string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const led = found.every(
        (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
      );
      if (found.length === topics.length && led) return;
    } catch (e) {
      const type = kafkaErrorType(e);
      if (type !== "UNKNOWN_TOPIC_OR_PARTITION" && type !== "LEADER_NOT_AVAILABLE") throw e;
    }
    if (Date.now() > deadline) {
      throw new Error(`topics ${topics.join(", ")} have no leader after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Deletes topics (tests' teardown); missing ones are ignored. */
export async function deleteTopics(kafka: Kafka, names: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const present = names.filter((n) => existing.has(n));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
  } catch (e) {
    throw fromKafkaError(e, "delete topics");
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Asks the cluster for its brokers within `timeoutMs`; throws UNAVAILABLE when it cannot. */
export async function ping(kafka: Kafka, timeoutMs = 2_000): Promise<void> {
  // No retries: a health check wants the state now, not after kafkajs' backoff.
  const admin = kafka.admin({ retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await admin.connect();
        await admin.describeCluster();
      })(),
      timeout,
    ]);
  } catch (e) {
    throw fromKafkaError(e, "ping");
  } finally {
    clearTimeout(timer);
    admin.disconnect().catch(() => {});
  }
}

/** Partition count of each topic (topics must exist). */
export async function partitionCounts(
  kafka: Kafka,
  topics: readonly string[],
): Promise<Record<string, number>> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const { topics: meta } = await admin.fetchTopicMetadata({ topics: [...topics] });
    return Object.fromEntries(meta.map((t) => [t.name, t.partitions.length]));
  } catch (e) {
    throw fromKafkaError(e, "fetch topic metadata");
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
