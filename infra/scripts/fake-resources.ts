// Stand-in values for everything infra/ links, shaped exactly as SST exposes them under
// `Resource.<Name>` (see the linkable definitions in infra/). Used to import a bundled handler
// outside AWS: SST passes each link to a function as `SST_RESOURCE_<Name>` = JSON.
export const FAKE_RESOURCES: Record<string, Record<string, unknown>> = {
  App: { name: "gourmetgram", stage: "verify" },
  Database: {
    host: "127.0.0.1",
    port: 5432,
    username: "postgres",
    password: "verify",
    database: "gourmetgram",
  },
  Images: { name: "gourmetgram-verify-imagesbucket-abc123" },
  Kafka: {
    brokers: ["127.0.0.1:9092"],
    username: "",
    password: "",
    mechanism: "scram-sha-512",
    ssl: false,
  },
  ApiKey: { value: "verify-api-key" },
  TrafficSchedule: {
    ruleName: "gourmetgram-verify-traffic",
    ruleArn: "arn:aws:events:us-east-1:123456789012:rule/gourmetgram-verify-traffic",
    targetId: "generator",
    generatorArn: "arn:aws:lambda:us-east-1:123456789012:function:gourmetgram-verify-generator",
    onByDefault: false,
  },
  Capacity: { eventsPerSecond: 1, apiConcurrency: 5, generatorShards: 1, kafkaPartitions: 3 },
  Api: {
    name: "gourmetgram-verify-ApiFunction-abc123",
    url: "https://abc123.lambda-url.us-east-1.on.aws/",
  },
  GeneratorWakeQueue: {
    url: "https://sqs.us-east-1.amazonaws.com/123456789012/gourmetgram-verify-generator-wake",
  },
  GeneratorShard: {
    name: "gourmetgram-verify-GeneratorShardFunction-fed789",
  },
  Control: {
    name: "gourmetgram-verify-ControlFunction-def456",
    url: "https://def456.lambda-url.us-east-1.on.aws/",
  },
};

/** The Lambda-like environment of a function linking exactly `links` (plus SST's own App). */
export function linkedEnvironment(
  functionName: string,
  links: readonly string[],
): Record<string, string> {
  // AWS_LAMBDA_FUNCTION_NAME makes SST's "not linked" error name the function.
  const env: Record<string, string> = {
    AWS_REGION: "us-east-1",
    AWS_LAMBDA_FUNCTION_NAME: functionName,
  };
  for (const name of ["App", ...links]) {
    const value = FAKE_RESOURCES[name];
    if (!value) throw new Error(`no fake value for linked resource "${name}"`);
    env[`SST_RESOURCE_${name}`] = JSON.stringify(value);
  }
  return env;
}
