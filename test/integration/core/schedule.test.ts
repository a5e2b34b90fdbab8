import { createQueues } from "@gg/core/queue";
import { createScheduleRules } from "@gg/core/schedule";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsConfig, suffix } from "../../support/fixtures";

describe("EventBridge schedule rules against LocalStack", () => {
  const rules = createScheduleRules(awsConfig());
  const queues = createQueues(awsConfig());
  const name = `gg-test-rule-${suffix()}`;
  const input = { stream_id: suffix(), rate: "150/h", nested: { ok: true } };
  let queue: { url: string; arn: string };
  beforeAll(async () => {
    queue = await queues.create(`gg-test-${suffix()}`);
  });
  afterAll(async () => {
    await rules.deleteRule(name);
    if (queue) await queues.deleteQueue(queue.url);
  });

  it("puts a rule and a target with input, disables it, describes it, enables it again", async () => {
    const arn = await rules.putRule({
      name,
      scheduleExpression: "rate(1 minute)",
      enabled: true,
      description: "core test",
    });
    expect(arn).toMatch(new RegExp(`:rule/${name}$`));
    await rules.putTarget({ rule: name, id: "queue", arn: queue.arn, input });
    await rules.disable(name);
    expect(await rules.describe(name)).toEqual({
      name,
      arn,
      state: "DISABLED",
      scheduleExpression: "rate(1 minute)",
      description: "core test",
      targets: [{ id: "queue", arn: queue.arn, input }],
    });
    await rules.enable(name);
    expect((await rules.describe(name))?.state).toBe("ENABLED");
  });

  it("replaces a target with the same id rather than adding one", async () => {
    await rules.putTarget({ rule: name, id: "queue", arn: queue.arn, input: { v: 2 } });
    expect((await rules.describe(name))?.targets).toEqual([
      { id: "queue", arn: queue.arn, input: { v: 2 } },
    ]);
  });

  it("deletes the rule with its targets; describe then answers null", async () => {
    const other = `gg-test-rule-${suffix()}`;
    await rules.putRule({ name: other, scheduleExpression: "rate(5 minutes)", enabled: false });
    await rules.putTarget({ rule: other, id: "q", arn: queue.arn, input: {} });
    await rules.deleteRule(other);
    expect(await rules.describe(other)).toBeNull();
    await rules.deleteRule(other); // deleting a missing rule is fine
  });

  it("translates errors: a bad schedule expression is not UNAVAILABLE", async () => {
    await expect(
      rules.putRule({
        name: `gg-bad-${suffix()}`,
        scheduleExpression: "every minute",
        enabled: true,
      }),
    ).rejects.toMatchObject({ code: "INTERNAL", dependency: "eventbridge" });
  });
});

// LocalStack's scheduler wakes about once a minute, so a rate(1 minute) rule delivers within
// 0–120 s: slow, but it is the only proof that a rule really fires into its target.
describe("a scheduled rule really delivers to its SQS target", () => {
  const rules = createScheduleRules(awsConfig());
  const queues = createQueues(awsConfig());
  const name = `gg-test-fire-${suffix()}`;
  let queueUrl = "";
  afterAll(async () => {
    await rules.deleteRule(name);
    if (queueUrl) await queues.deleteQueue(queueUrl);
  });

  it("delivers the target's input within 150 s", { timeout: 180_000 }, async () => {
    const queue = await queues.create(`gg-test-fire-${suffix()}`);
    queueUrl = queue.url;
    const input = { minute: "scheduled", token: suffix() };
    const ruleArn = await rules.putRule({
      name,
      scheduleExpression: "rate(1 minute)",
      enabled: true,
    });
    await queues.allowEventBridge(queue.url, queue.arn, ruleArn);
    await rules.putTarget({ rule: name, id: "queue", arn: queue.arn, input });
    const deadline = Date.now() + 150_000;
    const bodies: string[] = [];
    while (Date.now() < deadline && bodies.length === 0) {
      const got = await queues.receiveAndDelete(queue.url, { waitSeconds: 10 });
      bodies.push(...got.map((m) => m.body));
    }
    expect(bodies.length, "no delivery from LocalStack's scheduler within 150 s").toBeGreaterThan(
      0,
    );
    expect(JSON.parse(bodies[0] as string)).toEqual(input);
  });
});
