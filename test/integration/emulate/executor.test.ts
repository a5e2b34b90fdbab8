// LocalStack's Lambda service with our no-Docker executor (packages/services/lambda-executor),
// through the ordinary Lambda API: errors and timeouts reported as AWS reports them, warm
// environments reused, concurrent invocations on several environments, logs in CloudWatch.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles, zip } from "../../../packages/emulate/src/zip";
import { awsConfig, suffix } from "../../support/fixtures";
import { lambdaLogs } from "./logs";

const lambda = new LambdaClient(awsConfig());
const name = `gg-test-${suffix(4)}`;
const CODE = `
let invocations = 0;
export const handler = async (event, context) => {
  invocations++;
  console.log("event", JSON.stringify(event));
  if (event.throw) throw new TypeError(event.throw);
  if (event.spinMs) { const end = Date.now() + event.spinMs; while (Date.now() < end); }
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  return { invocations, pid: process.pid, node: process.version, remaining: context.getRemainingTimeInMillis() };
};`;

async function invoke(event: unknown) {
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)) }),
  );
  return {
    status: out.StatusCode,
    error: out.FunctionError,
    body: JSON.parse(Buffer.from(out.Payload ?? []).toString("utf8")),
  };
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "gg-fn-"));
  writeFileSync(join(dir, "index.mjs"), CODE);
  const code = zip(listFiles(dir));
  rmSync(dir, { recursive: true });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Role: "arn:aws:iam::000000000000:role/gg-test",
      Code: { ZipFile: code },
      Timeout: 2,
    }),
  );
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60 }, { FunctionName: name });
});
afterAll(async () => {
  await lambda.send(new DeleteFunctionCommand({ FunctionName: name })).catch(() => {});
});

describe("Lambda on LocalStack without Docker", () => {
  it("runs the runtime's Node major, keeps a warm environment, reports a throw as FunctionError", async () => {
    const first = await invoke({ n: 1 });
    expect(first).toMatchObject({ status: 200, error: undefined });
    expect(first.body.node).toMatch(/^v22\./);
    expect(first.body.remaining).toBeGreaterThan(1000);
    expect(first.body.remaining).toBeLessThanOrEqual(2000);
    const thrown = await invoke({ throw: "boom" });
    expect(thrown).toMatchObject({
      status: 200,
      error: "Unhandled",
      body: { errorType: "TypeError", errorMessage: "boom" },
    });
    // A handled throw keeps the environment: same process, its module state carried on.
    const after = await invoke({ n: 2 });
    expect(after.error).toBeUndefined();
    expect(after.body).toMatchObject({ pid: first.body.pid, invocations: 3 });
  });

  it("kills an invocation past its timeout (Sandbox.Timedout); the next one gets a fresh init", async () => {
    const slow = await invoke({ spinMs: 10_000 });
    expect(slow).toMatchObject({
      status: 200,
      error: "Unhandled",
      body: {
        errorType: "Sandbox.Timedout",
        errorMessage: expect.stringMatching(/Task timed out after 2\.00 seconds$/),
      },
    });
    const next = await invoke({ n: 3 });
    expect(next.error).toBeUndefined();
    expect(next.body.invocations).toBe(1);
  });

  it("serves concurrent invocations from several environments", async () => {
    const results = await Promise.all([1, 2, 3].map(() => invoke({ sleepMs: 1_000 })));
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(new Set(results.map((r) => r.body.pid)).size).toBe(3);
  });

  it("sends each invocation's logs to CloudWatch Logs in the Lambda format", async () => {
    let messages: string[] = [];
    for (let i = 0; i < 20 && !messages.some((m) => m.includes("Task timed out")); i++) {
      await new Promise((r) => setTimeout(r, 500));
      messages = await lambdaLogs(name);
    }
    expect(messages.some((m) => m.startsWith("INIT_START"))).toBe(true);
    expect(messages.some((m) => /^START RequestId: \S+ Version: \$LATEST/.test(m))).toBe(true);
    expect(messages.some((m) => /^\S+Z\t\S+\tINFO\tevent \{"n":1\}/.test(m))).toBe(true);
    expect(messages.some((m) => /\tERROR\tInvoke Error .*"errorType":"TypeError"/.test(m))).toBe(
      true,
    );
    expect(messages.some((m) => /Task timed out after 2\.00 seconds/.test(m))).toBe(true);
    expect(
      messages.some((m) => /^REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration/.test(m)),
    ).toBe(true);
  });
});
