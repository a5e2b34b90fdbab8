import { buildRuntime, prepareStoresOnDeploy } from "@gg/api";
import * as Streams from "@gg/traffic/streams";
import { migrateSettings } from "./config";

const { settings, migrationsDir, seedBackground, kafkaPartitions } = migrateSettings();
const runtime = buildRuntime(settings);

/** Invoked on deploy: migrations, Kafka topics, bucket, and the default traffic. Re-runnable. */
export const handler = async () => {
  const result = await prepareStoresOnDeploy(runtime, { migrationsDir, kafkaPartitions });
  // A stage whose rule starts ENABLED (staging) also starts with the stream it should run.
  const seeded = seedBackground && (await Streams.seedBackgroundStream(runtime.deps.pool));
  console.log(JSON.stringify({ message: "migrated", ...result, seeded }));
  return { ...result, seeded };
};
