import { describe, expect, it } from "vitest";
import type { MockDeployment } from "../../../infra/scripts/mock-types";
import { physicalNames, planOf, stabilise } from "../../../packages/emulate/src/plan";

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
});
