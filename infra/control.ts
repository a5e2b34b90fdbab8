import { capacity } from "./capacity";
import { database } from "./database";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";
import { migration } from "./migrate";
import { apiKey } from "./secrets";
import { trafficSchedule } from "./traffic-schedule";

// The traffic control plane (/stream/*, /generate/*) behind its own Function URL: it bundles the
// generators, which the API does not need, and it alone may switch the traffic rule. Every route
// checks the API key, reads included.
export const control = new sst.aws.Function(
  "Control",
  {
    ...lambdaDefaults,
    handler: "functions/control.handler",
    memory: "1024 MB",
    // POST /generate with stream: true may pace a delivery over up to two minutes.
    timeout: "150 seconds",
    url: true,
    link: [database, kafka, apiKey, trafficSchedule, capacity],
    // POST /stream/plan previews with the dataset the generator uploads from (infra/generator.ts),
    // or its minutes' uploads would show as skipped and every later event's actor shift.
    copyFiles: [
      ...lambdaDefaults.copyFiles,
      { from: "packages/traffic/assets/food11", to: "food11" },
    ],
  },
  { dependsOn: [migration] },
);
