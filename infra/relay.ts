import { database } from "./database";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";
import { migration } from "./migrate";

// The outbox relay's safety net: the API flushes after each request, this drains whatever is left
// (e.g. after a Kafka outage). EventBridge Scheduler (CronV2) with no retries: the next minute's
// run picks up anything a failed run left behind. The schedule waits for the migrations, so its
// first run finds the outbox table (a component's dependsOn does not reach its children: the
// transform puts it on the schedule itself).
export const relay = new sst.aws.CronV2("Relay", {
  schedule: "rate(1 minute)",
  transform: {
    schedule: (_args, opts) => {
      opts.dependsOn = [migration];
    },
  },
  function: {
    ...lambdaDefaults,
    handler: "functions/relay.handler",
    memory: "256 MB",
    timeout: "55 seconds",
    link: [database, kafka],
  },
});
