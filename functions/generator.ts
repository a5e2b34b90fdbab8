import { createGenerator, notifyControl } from "@gg/traffic/generator";
import { generatorControl, generatorSettings } from "./config";

// Built once per container: warm invocations reuse the pool and the dataset index.
const generator = createGenerator(generatorSettings(), {
  // The rule runs while any stream does: when a tick completes a stream, the control plane
  // (which owns the rule) re-checks it. Over HTTP, so this bundle carries no EventBridge SDK.
  afterTick: notifyControl(generatorControl()),
});

/** EventBridge scheduled event (or SST Cron's `{}`): run that minute of every running stream. */
export const handler = (event: unknown, context?: { getRemainingTimeInMillis?: () => number }) =>
  generator.handleScheduled(event, context);
