import * as Db from "@gg/core/db";
import * as Kafka from "@gg/core/kafka";
import type { Runtime } from "./compose";

/**
 * Bring a deployment's stores to the current schema: SQL migrations (re-runnable, advisory-locked),
 * the Kafka topics (for clusters without auto-creation), and the bucket or folder.
 */
export async function prepareStores(
  runtime: Runtime,
  options: { migrationsDir?: string; kafkaPartitions?: number } = {},
): Promise<{ applied: string[] }> {
  const result = await Db.migrate(
    runtime.deps.pool,
    options.migrationsDir ? { dir: options.migrationsDir } : {},
  );
  // Partitions apply to topics this creates; an existing topic keeps its count (raising it would
  // move keys to other partitions and break per-image order for consumers).
  if (runtime.kafka)
    await Kafka.ensureTopics(runtime.kafka, Kafka.GourmetGramTopics.topics, {
      numPartitions: options.kafkaPartitions,
    });
  await runtime.deps.store.ensureBucket();
  return result;
}
