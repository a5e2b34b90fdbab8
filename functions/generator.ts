import { createQueues, type DelayedMessage } from "@gg/core/queue";
import { createGenerator, notifyControl } from "@gg/traffic/generator";
import { lambdaShardInvoker } from "@gg/traffic/shard-lambda";
import { queueWakeSender } from "@gg/traffic/shards";
import {
  generatorControl,
  generatorSettings,
  generatorShardFunction,
  generatorWakeQueue,
} from "./config";

// Built once per container: warm invocations reuse the pool and the dataset index.
const shard = generatorShardFunction();
const wake = generatorWakeQueue();
const generator = createGenerator(generatorSettings(), {
  // The rule runs while any stream does: when a tick completes a stream, the control plane
  // (which owns the rule) re-checks it. Over HTTP, so this bundle carries no EventBridge SDK.
  afterTick: notifyControl(generatorControl()),
  // A minute above GENERATOR_SHARD_RATE is split over async invocations of the shard function.
  invokeShard: shard ? lambdaShardInvoker(shard) : undefined,
  // A minute below GENERATOR_WAKE_RATE goes out as delayed windows to the wake queue, so no
  // invocation is held through it (infra/generator-wake.ts).
  sendWake: wake ? queueWakeSender(wakeSender(wake)) : undefined,
});

/** EventBridge scheduled event (or SST Cron's `{}`): run that minute of every running stream. */
export const handler = (event: unknown, context?: { getRemainingTimeInMillis?: () => number }) =>
  generator.handleScheduled(event, context);

/** Delayed messages to the wake queue, through core's SQS module. */
function wakeSender(wake: { url: string; aws: { region: string } }) {
  const queues = createQueues(wake.aws);
  return (messages: readonly DelayedMessage[]) => queues.sendDelayed(wake.url, messages);
}
