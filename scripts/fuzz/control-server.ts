// The control plane as a long-lived local server on the real services, on fresh stores: its own
// database, clickstream topics, EventBridge rule and tick queue, on a free loopback port. Used by
// the fuzz runner; what it creates, `close()` removes. No firehose engine is wired, so the
// firehose routes (which start real runs on worker threads) are not in its document.
import {
  buildControlRuntime,
  type ControlRuntime,
  ControlSettings,
  createControlApp,
} from "@gg/control";
import * as Kafka from "@gg/core/kafka";
import { createQueues } from "@gg/core/queue";
import { createScheduleRules } from "@gg/core/schedule";
import type { Logger } from "@gg/http";
import { serve } from "@hono/node-server";
import { awsConfig, type FreshDatabase, freshDatabase, suffix } from "../../test/support/fixtures";
import { stack } from "../../test/support/stack";

export interface LocalControl {
  /** `http://127.0.0.1:<port>` */
  url: string;
  runtime: ControlRuntime;
  db: FreshDatabase;
  close(): Promise<void>;
}

const KINDS = ["users", "products", "interactions", "sessions"] as const;

/** Start the control plane on a free port over a fresh database, topics, rule and queue. */
export async function startLocalControl(log: Logger): Promise<LocalControl> {
  const db = await freshDatabase();
  const tag = suffix(4);
  const ruleName = `gg-fuzz-traffic-${tag}`;
  const topics = Object.fromEntries(KINDS.map((k) => [k, `gg-fuzz-${tag}.cs.${k}`])) as Record<
    (typeof KINDS)[number],
    string
  >;
  const kafkaSettings = {
    brokers: stack.kafkaBrokers,
    clientId: "gg-fuzz-control",
    logLevel: "nothing" as const,
    topicPrefix: "",
    ssl: false,
  };
  const admin = Kafka.createKafka(kafkaSettings);
  let runtime: ControlRuntime | undefined;
  const removeAll = async () => {
    await runtime?.close().catch(() => {});
    await createScheduleRules(awsConfig())
      .deleteRule(ruleName)
      .catch(() => {});
    const queue = runtime?.tickQueue;
    if (queue)
      await createQueues(awsConfig())
        .deleteQueue(queue.url)
        .catch(() => {});
    await Kafka.deleteTopics(admin, Object.values(topics)).catch(() => {});
    await db.drop();
  };
  try {
    await Kafka.ensureTopics(admin, Object.values(topics), { numPartitions: 3 });
    runtime = await buildControlRuntime(
      ControlSettings.parse({
        databaseUrl: db.url,
        databasePoolSize: 4,
        kafka: kafkaSettings,
        clickstreamTopics: topics,
        schedule: {
          ruleName,
          targetId: "ticks",
          queueName: `gg-fuzz-ticks-${tag}`,
          scheduleExpression: "rate(1 minute)",
          aws: awsConfig(),
        },
      }),
      log,
    );
  } catch (e) {
    await removeAll();
    throw e;
  }
  const app = createControlApp(runtime.deps);
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) =>
      resolve(info.port),
    );
  });
  // Node closes a keep-alive connection idle for 5 s; a fuzzer slowed by a loaded machine can
  // send on it just as it closes and read "connection closed without response". Outlive it.
  if (server && "keepAliveTimeout" in server) server.keepAliveTimeout = 120_000;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    db,
    async close() {
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      await removeAll();
    },
  };
}
