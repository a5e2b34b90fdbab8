import { buildRuntime, prepareStores } from "@gg/api";
import { apiSettings } from "./config";

const runtime = buildRuntime(apiSettings());

/** Invoked on deploy: migrations, Kafka topics, bucket. Re-runnable. */
export const handler = async () => {
  const result = await prepareStores(runtime);
  console.log(JSON.stringify({ message: "migrated", ...result }));
  return result;
};
