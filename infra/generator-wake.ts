import { api } from "./api";
import { capacity } from "./capacity";
import { database } from "./database";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";
import { apiKey } from "./secrets";

// Wake-ups: a minute slower than GENERATOR_WAKE_RATE is not held by the generator for the whole
// minute. The generator cuts it into windows (events less than the wake lead apart share one),
// and sends each window as a delayed SQS message that lands the lead before its first event; the
// consumer below plans the minute, sleeps to each of its window's events, fires them and merges
// its figures into the minute's row, as a shard does. A background stream at 150 events/h then
// costs a few seconds of 128 MB per event instead of a Lambda held all month (infra/README.md).
//
// Visibility: at least the consumer's timeout (an SQS event source refuses less). The consumer
// never fails a message: a redelivery could only fire late, and its window's claim makes it fire
// nothing; a window that never reports shows in its minute's row as unaccounted events.
// Named, not auto-named: the subscription's name is derived from the queue's ARN, and a name
// that says whose queue it is reads better in the console.
export const generatorWakeQueue = new sst.aws.Queue("GeneratorWakeQueue", {
  visibilityTimeout: "130 seconds",
  transform: {
    queue: (args) => {
      args.name = `${$app.name}-${$app.stage}-generator-wake`;
    },
  },
});

// 128 MB: a window is a few events; its timeout covers the lead, a whole minute's span, its 10 s
// retry grace and a last request's 10 s.
export const generatorWake = new sst.aws.Function("GeneratorWake", {
  ...lambdaDefaults,
  handler: "functions/generator-wake.handler",
  memory: "128 MB",
  timeout: "120 seconds",
  retries: 0,
  link: [api, database, kafka, apiKey, capacity, generatorWakeQueue],
  copyFiles: [
    ...lambdaDefaults.copyFiles,
    { from: "packages/traffic/assets/food11", to: "food11" },
  ],
});

// One message per invocation: each window sleeps to its own events, so two must not share one.
// With a batch of one, AWS invokes as soon as a message is visible whatever the window; the window
// is for LocalStack's poller, which without one backs off between empty polls (up to 15 s late;
// with it, ~1 s).
generatorWakeQueue.subscribe(generatorWake.arn, { batch: { size: 1, window: "20 seconds" } });
