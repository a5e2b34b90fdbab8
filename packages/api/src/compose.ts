import * as Db from "@gg/core/db";
import * as Image from "@gg/core/image";
import * as Kafka from "@gg/core/kafka";
import * as Outbox from "@gg/core/outbox";
import * as Storage from "@gg/core/storage";
import { jsonLogger, type Logger } from "@gg/http";
import type { ApiDeps, Probe } from "./deps";
import type { ApiSettings, RelaySettings } from "./settings";

export interface Runtime {
  deps: ApiDeps;
  /** The Kafka client when one is configured (the relay function and tests reuse it). */
  kafka: Kafka.Kafka | undefined;
  close(): Promise<void>;
}

/**
 * Build the API's dependencies once per process (Lambda module scope, local server start):
 * pool, object store, Kafka producer and the outbox relay are reused by every request.
 */
export function buildRuntime(settings: ApiSettings, log: Logger = jsonLogger): Runtime {
  const pool = Db.createPool({
    connectionString: settings.databaseUrl,
    max: settings.databasePoolSize,
    applicationName: "gourmetgram-api",
  });
  const store =
    settings.storage.kind === "s3"
      ? Storage.createS3Store(settings.storage)
      : Storage.createFolderStore(settings.storage);
  const { kafka, producer, relay } = relayParts(settings, pool, log);
  const probes: Probe[] = [
    { name: "postgres", enabled: true, check: () => Db.ping(pool) },
    {
      name: "kafka",
      enabled: Boolean(kafka),
      check: () => (kafka ? Kafka.ping(kafka) : Promise.resolve()),
    },
    { name: "s3", enabled: true, check: () => store.ping() },
  ];
  return {
    deps: {
      config: settings.api,
      pool,
      store,
      relay,
      views: Image.createViewCounter(pool),
      probes,
      log,
    },
    kafka,
    async close() {
      await producer?.disconnect().catch(() => {});
      await pool.end();
    },
  };
}

/** Just the outbox relay (the scheduled relay function needs no bucket and no API key). */
export function buildRelayRuntime(settings: RelaySettings, log: Logger = jsonLogger) {
  const pool = Db.createPool({
    connectionString: settings.databaseUrl,
    max: 2,
    applicationName: "gourmetgram-relay",
  });
  const { relay, producer } = relayParts(settings, pool, log);
  return {
    pool,
    relay,
    async close() {
      await producer?.disconnect().catch(() => {});
      await pool.end();
    },
  };
}

function relayParts(settings: RelaySettings, pool: Db.Pool, log: Logger) {
  const kafka = settings.kafka ? Kafka.createKafka(settings.kafka) : undefined;
  // Few retries: a publish that fails leaves its events pending for the next flush; it must not
  // hold an HTTP response for the default ~10 s of retries.
  const producer = kafka ? Kafka.createProducer(kafka, { retries: 1 }) : undefined;
  const publisher = producer
    ? Outbox.kafkaPublisher(producer, { topicPrefix: settings.kafka?.topicPrefix })
    : Outbox.filePublisher(settings.eventsDir);
  const relay = Outbox.createRelay({
    pool,
    publisher,
    onError: (e) => log.error("outbox publish failed; events stay pending", { error: String(e) }),
  });
  return { kafka, producer, relay };
}
