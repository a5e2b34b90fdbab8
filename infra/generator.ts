import { api } from "./api";
import { capacity } from "./capacity";
import { control } from "./control";
import { database } from "./database";
import { generatorShard } from "./generator-shard";
import { generatorWakeQueue } from "./generator-wake";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";
import { migration } from "./migrate";
import { apiKey } from "./secrets";
import { trafficOnByDefault } from "./stage";
import { generatorName, ruleName, targetId } from "./traffic-schedule";

// The delivery in minute m prepares minute m + 1 before it begins and fires it; holding the lease
// (packages/traffic/src/generator/serve.ts) the invocation then serves minute after minute while
// its 15 minutes cover one more with its retries, and the deliveries meanwhile exit at once: about
// one invocation alive at a time, not one per minute overlapping the next.
// No async retries: a retried minute would fire its events late (the plan is idempotent anyway).
// It links Control to have the rule switched off (POST /stream/sync) once its last stream ends,
// and Kafka because clickstream streams go straight to it, and the shard function, which it
// invokes (asynchronously) for each slice of a minute above GENERATOR_SHARD_RATE, and the wake
// queue, where a minute below GENERATOR_WAKE_RATE goes as delayed windows (infra/generator-wake.ts)
// instead of being held. The bundled Food-11 sample ships
// beside the bundle (functions/config.ts points GENERATOR_DATASET_PATH at /var/task/food11).
export const generator = new sst.aws.Function("Generator", {
  ...lambdaDefaults,
  name: generatorName,
  handler: "functions/generator.handler",
  memory: "256 MB",
  timeout: "900 seconds",
  retries: 0,
  link: [api, control, database, kafka, apiKey, capacity, generatorShard, generatorWakeQueue],
  copyFiles: [
    ...lambdaDefaults.copyFiles,
    { from: "packages/traffic/assets/food11", to: "food11" },
  ],
});

// A plain EventBridge rule (not CronV2's Scheduler) because the control API toggles it with
// Enable/DisableRule. The deploy sets the initial state only; ignoreChanges keeps a later deploy
// from undoing what the API did. The rule, its target and the invoke permission wait for the
// migrations (dependsOn), so a rule created ENABLED never fires into an unmigrated stage.
export const rule = new aws.cloudwatch.EventRule(
  "TrafficRule",
  {
    name: ruleName,
    scheduleExpression: "rate(1 minute)",
    state: trafficOnByDefault ? "ENABLED" : "DISABLED",
  },
  { ignoreChanges: ["state"], dependsOn: [migration] },
);

new aws.cloudwatch.EventTarget(
  "TrafficTarget",
  { rule: rule.name, targetId, arn: generator.arn },
  { ignoreChanges: ["input"], dependsOn: [migration] },
);

new aws.lambda.Permission(
  "TrafficInvoke",
  {
    action: "lambda:InvokeFunction",
    function: generator.name,
    principal: "events.amazonaws.com",
    sourceArn: rule.arn,
  },
  { dependsOn: [migration] },
);
