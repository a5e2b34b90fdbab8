import { database } from "./database";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";

// The outbox relay's safety net: the API flushes after each request, this drains whatever is left
// (e.g. after a Kafka outage). EventBridge Scheduler (CronV2) with no retries: the next minute's
// run picks up anything a failed run left behind.
export const relay = new sst.aws.CronV2("Relay", {
  schedule: "rate(1 minute)",
  function: {
    ...lambdaDefaults,
    handler: "functions/relay.handler",
    memory: "256 MB",
    timeout: "55 seconds",
    link: [database, kafka],
  },
});
