import * as Db from "@gg/core/db";
import * as Kafka from "@gg/core/kafka";
import type { Runtime } from "./compose";
import { type RetryOptions, retryTransient } from "./migrate-retry";

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

/**
 * prepareStores as the deploy runs it: on a first deploy a private stage's NAT may still be
 * booting, so an unreachable Kafka or S3 is retried for up to 3 minutes (of the migrate
 * function's 5) before the deploy is failed; refused credentials fail at once.
 */
export function prepareStoresOnDeploy(
  runtime: Runtime,
  options: { migrationsDir?: string; kafkaPartitions?: number },
  retry: RetryOptions = {},
): Promise<{ applied: string[] }> {
  return retryTransient(() => prepareStores(runtime, options), {
    withinMs: 180_000,
    onRetry: (attempt, e, waitMs) =>
      console.log(JSON.stringify({ message: "retrying", attempt, waitMs, error: String(e) })),
    ...retry,
  });
}
