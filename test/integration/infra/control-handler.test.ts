// functions/control.ts, the Lambda entry, called the way a Function URL calls it (payload 2.0),
// configured by plain variables the way functions/config.ts reads them outside SST: the rule on
// LocalStack firing into a tick queue, exactly what `pnpm start` does with GG_LOCAL_STACK=1.
import { createQueues } from "@gg/core/queue";
import { createScheduleRules } from "@gg/core/schedule";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsConfig, type FreshDatabase, freshDatabase, suffix } from "../../support/fixtures";
import { httpApiV2Event, lambdaContext } from "../../support/lambda";
import { stack } from "../../support/stack";

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

const KEY = `key-${suffix()}`;
const ruleName = `gg-test-control-${suffix()}`;
const queueName = `gg-test-control-ticks-${suffix()}`;
const rules = createScheduleRules(awsConfig());
const savedEnv = { ...process.env };
let db: FreshDatabase;
let handler: Handler;

beforeAll(async () => {
  db = await freshDatabase();
  const aws = awsConfig();
  for (const k of ["GG_TRAFFIC_TARGET_ARN", "GG_TRAFFIC_SCHEDULE", "GG_LOCAL_STACK"]) {
    delete process.env[k];
  }
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: stack.kafkaBrokers.join(","),
    API_KEY: KEY,
    EVENTS_ENDPOINT: aws.endpoint,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
    GG_TRAFFIC_RULE: ruleName,
    GG_TRAFFIC_QUEUE: queueName,
  });
  ({ handler } = (await import("../../../functions/control")) as unknown as { handler: Handler });
});

afterAll(async () => {
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  await rules.deleteRule(ruleName).catch(() => {});
  const queues = createQueues(awsConfig());
  const queue = await queues.create(queueName);
  await queues.deleteQueue(queue.url).catch(() => {});
  await db?.drop();
});

const invoke = async (method: string, path: string, body?: unknown, key: string | null = KEY) => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers["x-api-key"] = key;
  const request = new Request(`https://abc123.lambda-url.us-east-1.on.aws${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(await httpApiV2Event(request), lambdaContext("gg-control"));
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
};

describe("functions/control.handler", () => {
  it("created the rule DISABLED at cold start, with nothing running", async () => {
    expect((await rules.describe(ruleName))?.state).toBe("DISABLED");
  });

  it("starts and stops a stream, switching the rule, behind the key", async () => {
    expect((await invoke("GET", "/stream/status", undefined, null)).status).toBe(401);
    const started = await invoke("POST", "/stream/start", { rate: "150/h", seed: 5 });
    expect(started.status).toBe(200);
    expect((await rules.describe(ruleName))?.state).toBe("ENABLED");
    const status = await invoke("GET", "/stream/status");
    expect(status.body).toMatchObject({
      running_streams: 1,
      rule: { name: ruleName, state: "ENABLED" },
    });
    const stopped = await invoke("POST", `/stream/stop/${String(started.body.stream_id)}`);
    expect(stopped).toMatchObject({ status: 200, body: { status: "stopped", running_streams: 0 } });
    expect((await rules.describe(ruleName))?.state).toBe("DISABLED");
  });

  it("answers a bad configuration with the FastAPI-shaped 422", async () => {
    const res = await invoke("POST", "/stream/start", { rate: "lots" });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      expect.objectContaining({ loc: ["body", "rate"], type: "value_error" }),
    ]);
  });
});
