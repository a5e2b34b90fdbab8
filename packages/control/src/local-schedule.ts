import { createQueues } from "@gg/core/queue";
import type { ScheduleRules } from "@gg/core/schedule";
import type { ScheduleSettings } from "./settings";

/** Where a local rule delivers: the SQS queue the local runner drains. */
export interface TickQueue {
  name: string;
  url: string;
  arn: string;
  /** Long-polls (20 s at most) and deletes what arrived: the scheduled events' bodies. */
  receive(): Promise<string[]>;
}

/**
 * Local runs only: finds or creates the tick queue and the rule (DISABLED when new: the first
 * started stream enables it). An existing rule keeps its state and targets; the rule sync puts
 * the queue as target when a stream starts.
 */
export async function prepareLocalSchedule(
  settings: ScheduleSettings & { queueName: string },
  rules: ScheduleRules,
): Promise<TickQueue> {
  const queues = createQueues(settings.aws);
  const queue = await queues.create(settings.queueName);
  const existing = await rules.describe(settings.ruleName);
  const ruleArn =
    existing?.arn ??
    (await rules.putRule({
      name: settings.ruleName,
      scheduleExpression: settings.scheduleExpression,
      enabled: false,
      description: "GourmetGram background traffic: one tick a minute while a stream runs",
    }));
  // LocalStack delivers without it; AWS SQS would refuse EventBridge without this policy.
  await queues.allowEventBridge(queue.url, queue.arn, ruleArn);
  return {
    name: settings.queueName,
    url: queue.url,
    arn: queue.arn,
    receive: async () =>
      (await queues.receiveAndDelete(queue.url, { waitSeconds: 20 })).map((m) => m.body),
  };
}
