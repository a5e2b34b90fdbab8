import { controlSettingsFromEnv, LOCAL_SCHEDULE } from "@gg/control";
import { describe, expect, it } from "vitest";

// Which rule the control plane switches, from plain variables: deployed target, LocalStack queue,
// or none. Pure: nothing is contacted.
const DB = { DATABASE_URL: "postgres://u:p@127.0.0.1:5432/gg" };

describe("controlSettingsFromEnv", () => {
  it("has no schedule without an emulator or a deployed target", () => {
    const s = controlSettingsFromEnv(DB);
    expect(s.schedule).toBeNull();
    expect(s.kafka).toBeNull();
    expect(s.clickstreamTopics).toEqual({
      users: "users",
      products: "products",
      interactions: "interactions",
      sessions: "sessions",
    });
  });

  it("puts the rule on LocalStack, firing into the agreed tick queue, with GG_LOCAL_STACK=1", () => {
    const s = controlSettingsFromEnv({ GG_LOCAL_STACK: "1", API_KEY: "k" });
    expect(s.apiKey).toBe("k");
    expect(s.kafka?.brokers).toEqual(["127.0.0.1:9092"]);
    expect(s.schedule).toEqual({
      ruleName: "gourmetgram-traffic",
      targetId: "ticks",
      queueName: "gourmetgram-traffic-ticks",
      scheduleExpression: "rate(1 minute)",
      aws: {
        region: "us-east-1",
        endpoint: "http://127.0.0.1:4566",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      },
    });
    expect(LOCAL_SCHEDULE.queueName).toBe(s.schedule?.queueName);
  });

  it("names a deployed rule's target, and signs with the role (no static keys)", () => {
    const s = controlSettingsFromEnv({
      ...DB,
      AWS_REGION: "eu-west-1",
      GG_TRAFFIC_RULE: "gourmetgram-staging-traffic",
      GG_TRAFFIC_TARGET_ID: "generator",
      GG_TRAFFIC_TARGET_ARN: "arn:aws:lambda:eu-west-1:1:function:gourmetgram-staging-generator",
    });
    expect(s.schedule).toMatchObject({
      ruleName: "gourmetgram-staging-traffic",
      targetId: "generator",
      targetArn: "arn:aws:lambda:eu-west-1:1:function:gourmetgram-staging-generator",
      aws: { region: "eu-west-1" },
    });
    expect(s.schedule?.aws.endpoint).toBeUndefined();
    expect(s.schedule?.aws.credentials).toBeUndefined();
  });

  it("GG_TRAFFIC_SCHEDULE=off, renamed topics, and a rule name without a target refused", () => {
    const off = controlSettingsFromEnv({ GG_LOCAL_STACK: "1", GG_TRAFFIC_SCHEDULE: "off" });
    expect(off.schedule).toBeNull();
    const renamed = controlSettingsFromEnv({ ...DB, CLICKSTREAM_TOPIC_USERS: "cs.users" });
    expect(renamed.clickstreamTopics.users).toBe("cs.users");
    expect(() => controlSettingsFromEnv({ ...DB, GG_TRAFFIC_TARGET_ARN: "arn:x" })).toThrow(
      /ruleName/,
    );
  });
});
