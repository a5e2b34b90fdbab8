import { plan } from "./capacity";
import { database } from "./database";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";
import { migration } from "./migrate";
import { apiKey } from "./secrets";
import { images } from "./storage";

// The Hono app behind a Function URL (no API Gateway: nothing to pay per request beyond Lambda,
// and the app checks its own API key). Note the Lambda payload limit: a request body over 6 MB
// (base64 included, so ~4.5 MB of image) is refused by AWS before the app sees it.
export const api = new sst.aws.Function(
  "Api",
  {
    ...lambdaDefaults,
    handler: "functions/api.handler",
    memory: "1024 MB",
    timeout: "30 seconds",
    url: true,
    // Sized for the stage's capacity (infra/capacity-plan.ts): enough for its rate, and a cap so
    // a runaway client cannot take the account's whole concurrency or the database's connections.
    concurrency: { reserved: plan.apiConcurrency },
    link: [database, images, kafka, apiKey],
  },
  { dependsOn: [migration] },
);
