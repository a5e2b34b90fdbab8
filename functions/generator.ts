import { createGenerator } from "@gg/traffic/runner";
import { generatorSettings } from "./config";

// Built once per container: warm invocations reuse the pool and the dataset index.
const generator = createGenerator(generatorSettings());

/** EventBridge scheduled event (or SST Cron's `{}`): run that minute of every running stream. */
export const handler = (event: unknown, context?: { getRemainingTimeInMillis?: () => number }) =>
  generator.handleScheduled(event, context);
