// A control plane on the local stack, isolated by naming: its own database, and its own rule and
// tick queue on LocalStack (built the way `pnpm start` builds it with GG_LOCAL_STACK=1).
import {
  buildControlRuntime,
  type ControlApp,
  type ControlRuntime,
  ControlSettings,
  createControlApp,
} from "@gg/control";
import { createQueues } from "@gg/core/queue";
import { createScheduleRules } from "@gg/core/schedule";
import { awsConfig, type FreshDatabase, freshDatabase, suffix } from "../../support/fixtures";

export const API_KEY = "control-test-key";

/** A response's status and JSON body. */
export const json = async (res: Response) => ({
  status: res.status,
  // biome-ignore lint/suspicious/noExplicitAny: bodies are checked field by field by the assertions
  body: (await res.json()) as any,
});
const silent = { info: () => {}, error: () => {} };

export interface TestControl {
  app: ControlApp;
  runtime: ControlRuntime;
  db: FreshDatabase;
  ruleName: string;
  /** The SDK on the same LocalStack, to look at (and tamper with) the rule behind the API. */
  rules: ReturnType<typeof createScheduleRules>;
  queue: { url: string; arn: string };
  /** A JSON request with the API key. */
  call(method: "GET" | "POST", path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** A fresh control plane whose rule fires into a fresh SQS queue. */
export async function startTestControl(): Promise<TestControl> {
  const db = await freshDatabase();
  const ruleName = `gg-test-traffic-${suffix()}`;
  const settings = ControlSettings.parse({
    databaseUrl: db.url,
    kafka: null,
    apiKey: API_KEY,
    schedule: {
      ruleName,
      targetId: "ticks",
      queueName: `gg-test-ticks-${suffix()}`,
      aws: awsConfig(),
    },
  });
  const runtime = await buildControlRuntime(settings, silent);
  const app = createControlApp(runtime.deps);
  const rules = createScheduleRules(awsConfig());
  const queue = runtime.tickQueue;
  if (!queue) throw new Error("a local schedule must come with its tick queue");
  return {
    app,
    runtime,
    db,
    ruleName,
    rules,
    queue,
    call: async (method, path, body) =>
      app.request(path, {
        method,
        headers: { "x-api-key": API_KEY, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async close() {
      await runtime.close();
      await rules.deleteRule(ruleName).catch(() => {});
      await createQueues(awsConfig())
        .deleteQueue(queue.url)
        .catch(() => {});
      await db.drop();
    },
  };
}
