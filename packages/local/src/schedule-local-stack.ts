import { createQueues, type Queues } from "@gg/core/queue";
import { createScheduleRules, type ScheduleRules } from "@gg/core/schedule";
import type { LocalSchedule } from "./config";

/** The rule and queue on LocalStack that deliver one scheduled event a minute. */
export interface LocalStackTicks {
  queues: Queues;
  queueUrl: string;
  /** Enables the rule (and targets the queue) while streams run; disables it when none do. */
  sync(running: boolean): Promise<void>;
}

/**
 * Finds or creates the tick queue and the `rate(1 minute)` rule, the way the control API's local
 * schedule names them, so starting and stopping streams through the API toggles this very rule.
 */
export async function prepareLocalStackTicks(s: LocalSchedule): Promise<LocalStackTicks> {
  const queues = createQueues(s.aws);
  const rules: ScheduleRules = createScheduleRules(s.aws);
  const queue = await queues.create(s.queueName);
  const existing = await rules.describe(s.ruleName);
  const ruleArn =
    existing?.arn ??
    (await rules.putRule({
      name: s.ruleName,
      scheduleExpression: "rate(1 minute)",
      enabled: false,
      description: "GourmetGram background traffic: one tick a minute while a stream runs",
    }));
  // LocalStack delivers without it; AWS SQS would refuse EventBridge without this policy.
  await queues.allowEventBridge(queue.url, queue.arn, ruleArn);
  return {
    queues,
    queueUrl: queue.url,
    async sync(running) {
      const rule = await rules.describe(s.ruleName);
      if (!rule) return;
      const targeted = rule.targets.some((t) => t.id === s.targetId && t.arn === queue.arn);
      // Enable before PutTargets and put the target only when missing: LocalStack 4.13 fixes a
      // scheduled job's state when the target is put and adds a job per PutTargets. No input, so
      // the queue receives the scheduled event itself, whose `time` names the minute.
      if (running && rule.state !== "ENABLED") await rules.enable(s.ruleName);
      if (running && !targeted) {
        await rules.putTarget({
          rule: s.ruleName,
          id: s.targetId,
          arn: queue.arn,
          input: undefined,
        });
      }
      if (!running && rule.state !== "DISABLED") await rules.disable(s.ruleName);
    },
  };
}
