import { createGenerator, notifyControl } from "@gg/traffic/generator";
import { lambdaShardInvoker } from "@gg/traffic/shard-lambda";
import { generatorControl, generatorSettings, generatorShardFunction } from "./config";

// Built once per container: warm invocations reuse the pool and the dataset index.
const shard = generatorShardFunction();
const generator = createGenerator(generatorSettings(), {
  // The rule runs while any stream does: when a tick completes a stream, the control plane
  // (which owns the rule) re-checks it. Over HTTP, so this bundle carries no EventBridge SDK.
  afterTick: notifyControl(generatorControl()),
  // A minute above GENERATOR_SHARD_RATE is split over async invocations of the shard function.
  invokeShard: shard ? lambdaShardInvoker(shard) : undefined,
});

/** EventBridge scheduled event (or SST Cron's `{}`): run that minute of every running stream. */
export const handler = (event: unknown, context?: { getRemainingTimeInMillis?: () => number }) =>
  generator.handleScheduled(event, context);
