// The API as a long-lived local server on the real services, on fresh stores: its own database,
// bucket and topic prefix, on a free loopback port. Used by `pnpm bench api` and the fuzz runner;
// what it creates, `close()` removes.
import { buildRuntime, createApp, jsonLogger, type Logger, type Runtime } from "@gg/api";
import * as Kafka from "@gg/core/kafka";
import { serve } from "@hono/node-server";
import { testSettings } from "../../test/support/api";
import {
  type FreshDatabase,
  freshBucket,
  freshDatabase,
  suffix,
} from "../../test/support/fixtures";

export interface LocalApi {
  /** `http://127.0.0.1:<port>` */
  url: string;
  runtime: Runtime;
  db: FreshDatabase;
  /** Prefix of this server's topics: `${topicPrefix}gourmetgram.views` etc. */
  topicPrefix: string;
  /** The prefixed topic names, in the registry's order. */
  topics: string[];
  close(): Promise<void>;
}

export interface LocalApiOptions {
  /** "background", as a long-lived server runs; "await" as on Lambda. */
  flush: "await" | "background";
  log?: Logger;
  poolSize?: number;
  /** Partitions of each fresh topic (3 is what `ensureTopics` creates by default). */
  partitions?: number;
}

/** Start the API on a free port over a fresh database, bucket and set of topics. */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const db = await freshDatabase();
  const bucket = await freshBucket().catch(async (e: unknown) => {
    await db.drop();
    throw e;
  });
  const topicPrefix = `gg-${suffix(4)}.`;
  const base = testSettings(db, bucket, topicPrefix);
  const settings = {
    ...base,
    api: { ...base.api, flush: options.flush },
    databasePoolSize: options.poolSize ?? base.databasePoolSize,
  };
  const runtime = buildRuntime(settings, options.log ?? jsonLogger);
  const topics = Kafka.GourmetGramTopics.topics.map((t) => topicPrefix + t.name);
  // Created up front: auto-creation on first publish would put its latency into the numbers.
  if (runtime.kafka)
    await Kafka.ensureTopics(runtime.kafka, topics, { numPartitions: options.partitions ?? 3 });
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    const fetch = createApp(runtime.deps).fetch;
    server = serve({ fetch, hostname: "127.0.0.1", port: 0 }, (info) => resolve(info.port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    db,
    topicPrefix,
    topics,
    async close() {
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      await runtime.deps.relay.drain();
      if (runtime.kafka) await Kafka.deleteTopics(runtime.kafka, topics).catch(() => {});
      await runtime.close();
      await bucket.drop().catch(() => {});
      await db.drop();
    },
  };
}

/** Per prefixed topic, how many messages it holds (the sum of its partitions' end offsets). */
export async function topicCounts(kafka: Kafka.Kafka, topics: string[]) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const counts: Record<string, number> = {};
    for (const topic of topics) {
      // Fresh topics, an idempotent non-transactional producer: offsets are dense from 0.
      const offsets = await admin.fetchTopicOffsets(topic);
      counts[topic] = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    }
    return counts;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
