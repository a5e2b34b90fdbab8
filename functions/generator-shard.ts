import { createGenerator } from "@gg/traffic/generator";
import { generatorSettings } from "./config";

// Built once per container: warm invocations reuse the pool and the dataset index. No Lambda SDK
// here: a shard fires its slice and merges its figures, it invokes nothing.
const generator = createGenerator(generatorSettings());

/** An async invocation from the generator: `{ streamId, minute, shard, shards, ... }`. */
export const handler = (event: unknown, context?: { getRemainingTimeInMillis?: () => number }) =>
  generator.handleShard(event, context);
