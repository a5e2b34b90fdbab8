import { describe, expect, it } from "vitest";
import type { MockDeployment } from "../../../infra/scripts/mock-types";
import { physicalNames, planOf, stabilise } from "../../../packages/emulate/src/plan";
import { localQueueUrl } from "../../../packages/emulate/src/queues";

// A deployment shaped as mock-program.ts writes it (names and ARNs as SST and the mocks make them).
const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const deployment = (suffix: string): MockDeployment => ({
  app: { name: "gourmetgram", stage: "local", removal: "remove", protect: false },
  outputs: { bucket: `gourmetgram-local-imagesbucket-${suffix}` },
  builds: [
    {
      functionID: "Relay",
      handler: "functions/relay.handler",
      runtime: "nodejs22.x",
      links: { Images: { name: `gourmetgram-local-imagesbucket-${suffix}` } },
      properties: {},
      copyFiles: [],
    },
  ],
  resources: [
    { type: "aws:iam/role:Role", name: "RelayRole", inputs: { name: `relay-${suffix}` } },
    {
      type: "aws:lambda/function:Function",
      name: "RelayFunction",
      inputs: {
        name: `gourmetgram-local-RelayFunction-${suffix}`,
        handler: "bundle.handler",
        runtime: "nodejs22.x",
        memorySize: 256,
        timeout: 55,
        role: `arn:aws:iam::123456789012:role/relay-${suffix}`,
        environment: { variables: { SST_KEY_FILE: "resource.enc", SST_RESOURCE_App: "{}" } },
      },
    },
    {
      type: "aws:scheduler/schedule:Schedule",
      name: "RelaySchedule",
      inputs: {
        name: `gourmetgram-local-RelaySchedule-${suffix}`,
        scheduleExpression: "rate(1 minute)",
        state: "ENABLED",
        target: { arn: arn(`gourmetgram-local-RelayFunction-${suffix}`), input: "{}" },
      },
    },
  ],
});

// The wake queue as SST's Queue and its Lambda subscriber expand (infra/generator-wake.ts): the
// queue, a function linking its URL, and the event source mapping by ARNs, in the mocks' account.
const withWakeQueue = (suffix: string, mapping: Record<string, unknown> = {}): MockDeployment => {
  const d = deployment(suffix);
  const queue = `gourmetgram-local-GeneratorWakeQueueQueue-${suffix}`;
  const wake = `gourmetgram-local-GeneratorWakeFunction-${suffix}`;
  const queueUrl = `https://sqs.us-east-1.amazonaws.com/123456789012/${queue}`;
  d.builds.push({
    functionID: "GeneratorWake",
    handler: "functions/generator-wake.handler",
    runtime: "nodejs22.x",
    links: { GeneratorWakeQueue: { url: queueUrl, type: "sst.aws.Queue" } },
    properties: {},
    copyFiles: [],
  });
  d.resources.push(
    { type: "aws:iam/role:Role", name: "GeneratorWakeRole", inputs: { name: `wake-${suffix}` } },
    {
      type: "aws:sqs/queue:Queue",
      name: "GeneratorWakeQueueQueue",
      inputs: { name: queue, visibilityTimeoutSeconds: 130, delaySeconds: 0, fifoQueue: false },
    },
    {
      type: "aws:lambda/function:Function",
      name: "GeneratorWakeFunction",
      inputs: {
        name: wake,
        handler: "bundle.handler",
        runtime: "nodejs22.x",
        memorySize: 128,
        timeout: 120,
        role: `arn:aws:iam::123456789012:role/wake-${suffix}`,
      },
    },
    {
      type: "aws:lambda/eventSourceMapping:EventSourceMapping",
      name: "GeneratorWakeQueueSubscriberAbcdefEventSourceMapping",
      inputs: {
        batchSize: 1,
        eventSourceArn: `arn:aws:sqs:us-east-1:123456789012:${queue}`,
        functionName: arn(wake),
        functionResponseTypes: [],
        maximumBatchingWindowInSeconds: 0,
        ...mapping,
      },
    },
  );
  return d;
};

describe("emulate plan", () => {
  it("keeps the names of an earlier up everywhere they appear, in LocalStack's account", () => {
    const first = deployment("aaaaaaaa");
    const kept = stabilise(deployment("bbbbbbbb"), physicalNames(first));
    const plan = planOf(kept);
    expect(plan.functions.map((f) => f.name)).toEqual(["gourmetgram-local-RelayFunction-aaaaaaaa"]);
    expect(plan.functions[0]!.links.Images).toEqual({
      name: "gourmetgram-local-imagesbucket-aaaaaaaa",
    });
    expect(plan.functions[0]!.role).toBe("arn:aws:iam::000000000000:role/relay-aaaaaaaa");
    expect(plan.bucket).toBe("gourmetgram-local-imagesbucket-aaaaaaaa");
    expect(JSON.stringify(plan)).not.toContain("bbbbbbbb");
    expect(JSON.stringify(plan)).not.toContain("123456789012");
  });

  it("deploys a Scheduler schedule as a rule that may invoke its target; links are not encrypted", () => {
    const plan = planOf(stabilise(deployment("cccccccc"), {}));
    expect(plan.rules).toEqual([
      {
        logical: "RelaySchedule",
        name: "gourmetgram-local-RelaySchedule-cccccccc",
        scheduleExpression: "rate(1 minute)",
        state: "ENABLED",
        targets: [
          {
            id: "schedule",
            arn: "arn:aws:lambda:us-east-1:000000000000:function:gourmetgram-local-RelayFunction-cccccccc",
            input: "{}",
          },
        ],
        fromSchedule: true,
      },
    ]);
    expect(plan.permissions).toEqual([
      expect.objectContaining({
        functionName: "gourmetgram-local-RelayFunction-cccccccc",
        principal: "events.amazonaws.com",
        sourceArn:
          "arn:aws:events:us-east-1:000000000000:rule/gourmetgram-local-RelaySchedule-cccccccc",
      }),
    ]);
    expect(plan.functions[0]!.environment).toEqual({ SST_RESOURCE_App: "{}" });
    expect(plan.functions[0]!.source).toBe("functions/relay.handler");
  });

  it("plans the wake queue with its attributes and its mapping to the wake function, under the kept names", () => {
    const plan = planOf(
      stabilise(withWakeQueue("dddddddd"), physicalNames(withWakeQueue("eeeeeeee"))),
    );
    const queue = "gourmetgram-local-GeneratorWakeQueueQueue-eeeeeeee";
    expect(plan.queues).toEqual([
      {
        logical: "GeneratorWakeQueueQueue",
        name: queue,
        url: `https://sqs.us-east-1.amazonaws.com/000000000000/${queue}`,
        fifo: false,
        attributes: { VisibilityTimeout: "130", DelaySeconds: "0" },
      },
    ]);
    expect(plan.eventSourceMappings).toEqual([
      {
        logical: "GeneratorWakeQueueSubscriberAbcdefEventSourceMapping",
        queueName: queue,
        functionName: "gourmetgram-local-GeneratorWakeFunction-eeeeeeee",
        batchSize: 1,
        maximumBatchingWindowInSeconds: 0,
        functionResponseTypes: [],
      },
    ]);
    // The link holds the queue's planned URL: the value `up` replaces by LocalStack's.
    const wake = plan.functions.find((f) => f.source === "functions/generator-wake.handler");
    expect(wake?.links.GeneratorWakeQueue?.url).toBe(plan.queues[0]!.url);
    expect(JSON.stringify(plan)).not.toContain("dddddddd");
    expect(JSON.stringify(plan)).not.toContain("123456789012");
  });

  it("refuses a mapping from a queue or to a function the stage does not deploy", () => {
    expect(() =>
      planOf(
        stabilise(
          withWakeQueue("ffffffff", { eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:other" }),
          {},
        ),
      ),
    ).toThrow(/polls other, not a queue of this stage/);
    expect(() =>
      planOf(stabilise(withWakeQueue("ffffffff", { functionName: arn("elsewhere") }), {})),
    ).toThrow(/invokes elsewhere, not a function of this stage/);
  });

  it("links LocalStack's queue by its path on the endpoint, whatever host LocalStack names", () => {
    expect(
      localQueueUrl(
        "http://sqs.us-east-1.127.0.0.1:4566/000000000000/q-1",
        "http://127.0.0.1:4566",
      ),
    ).toBe("http://127.0.0.1:4566/000000000000/q-1");
    expect(
      localQueueUrl(
        "http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/q-1",
        "http://127.0.0.1:4566/",
      ),
    ).toBe("http://127.0.0.1:4566/000000000000/q-1");
    expect(() => localQueueUrl("q-1", "http://127.0.0.1:4566")).toThrow(/not a queue URL/);
  });
});
