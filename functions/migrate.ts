import { buildRuntime, prepareStores } from "@gg/api";
import { migrateSettings } from "./config";

const { settings, migrationsDir } = migrateSettings();
const runtime = buildRuntime(settings);

/** Invoked on deploy: migrations, Kafka topics, bucket. Re-runnable. */
export const handler = async () => {
  const result = await prepareStores(runtime, { migrationsDir });
  console.log(JSON.stringify({ message: "migrated", ...result }));
  return result;
};
