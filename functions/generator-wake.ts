import { createGenerator } from "@gg/traffic/generator";
import { generatorSettings } from "./config";

// Built once per container: warm invocations reuse the pool and the dataset index.
const generator = createGenerator(generatorSettings());

/** The wake queue's SQS event: one window of a slow minute per message (batch size 1). */
export const handler = (event: unknown, context?: { getRemainingTimeInMillis?: () => number }) =>
  generator.handleWake(event, context);
