import * as Db from "@gg/core/db";
import * as Kafka from "@gg/core/kafka";
import type { Runtime } from "./compose";

/**
 * Bring a deployment's stores to the current schema: SQL migrations (re-runnable, advisory-locked),
 * the Kafka topics (for clusters without auto-creation), and the bucket or folder.
 */
export async function prepareStores(
  runtime: Runtime,
  options: { migrationsDir?: string } = {},
): Promise<{ applied: string[] }> {
  const result = await Db.migrate(
    runtime.deps.pool,
    options.migrationsDir ? { dir: options.migrationsDir } : {},
  );
  if (runtime.kafka) await Kafka.ensureTopics(runtime.kafka, Kafka.GourmetGramTopics.topics);
  await runtime.deps.store.ensureBucket();
  return result;
}
