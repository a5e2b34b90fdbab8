// A bench server's stores (bench/api/server-process.ts runs the server in its own process) as the
// checks see them: this process's own connections to its database, its topics, and a relay of its
// own to drain the outbox (the server's relay and this one take turns under the relay's lock).
import { buildRelayRuntime } from "@gg/api";
import { createPool } from "@gg/core/db";
import * as Kafka from "@gg/core/kafka";
import { stack } from "../../test/support/stack";

/** What bench/api/server-process.ts prints on its first line. */
export interface ServerInfo {
  url: string;
  pid: number;
  databaseUrl: string;
  topicPrefix: string;
}

/** The server's stores, through this process's own connections; `close()` closes those. */
export async function storesOf(info: ServerInfo) {
  const kafka = Kafka.createKafka({
    brokers: stack.kafkaBrokers,
    clientId: "gg-bench-verify",
    logLevel: "nothing",
  });
  const relay = buildRelayRuntime({
    databaseUrl: info.databaseUrl,
    kafka: {
      brokers: stack.kafkaBrokers,
      ssl: false,
      clientId: "gg-bench-relay",
      logLevel: "nothing",
      topicPrefix: info.topicPrefix,
    },
    eventsDir: "/nonexistent",
  });
  const pool = createPool({ connectionString: info.databaseUrl, max: 2 });
  return {
    url: info.url,
    database: new URL(info.databaseUrl).pathname.slice(1),
    pool,
    kafka,
    topicPrefix: info.topicPrefix,
    topics: Kafka.GourmetGramTopics.topics.map((t) => info.topicPrefix + t.name),
    drain: () => relay.relay.drain(),
    async close() {
      await relay.close();
      await pool.end();
    },
  };
}
