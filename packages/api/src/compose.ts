import * as Comment from "@gg/core/comment";
import * as Db from "@gg/core/db";
import * as Flag from "@gg/core/flag";
import * as Image from "@gg/core/image";
import * as Kafka from "@gg/core/kafka";
import * as Outbox from "@gg/core/outbox";
import type { Queryable } from "@gg/core/sql";
import * as Storage from "@gg/core/storage";
import { microClock } from "@gg/core/time";
import * as User from "@gg/core/user";
import { createWriter, type WriterOptions } from "@gg/core/write";
import { jsonLogger, type Logger } from "@gg/http";
import type { ApiDeps, Probe, Writes } from "./deps";
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
    genericPlans: settings.databasePreparedStatements,
  });
  const store =
    settings.storage.kind === "s3"
      ? Storage.createS3Store(settings.storage)
      : Storage.createFolderStore(settings.storage);
  // A server that answers before the flush gathers a few ms of events per batch (see the relay).
  const gatherMs = settings.api.flush === "background" ? 20 : 0;
  const { kafka, producer, relay } = relayParts(settings, pool, log, gatherMs);
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
      writes: createWrites(pool, { prepared: settings.databasePreparedStatements }),
      // Arrival to the microsecond: rows and events keep all six digits of the contract's format.
      now: microClock(),
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

/** The writers of every kind of write, on `db` (the API's pool). */
export function createWrites(db: Queryable, options: WriterOptions = {}): Writes {
  return {
    users: createWriter(db, User.UserWrite, options),
    uploads: createWriter(db, Image.UploadWrite, options),
    comments: createWriter(db, Comment.CommentWrite, options),
    flags: createWriter(db, Flag.FlagWrite, options),
    views: createWriter(db, Image.ViewWrite, options),
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

function relayParts(settings: RelaySettings, pool: Db.Pool, log: Logger, gatherMs = 0) {
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
    gatherMs,
    onError: (e) => log.error("outbox publish failed; events stay pending", { error: String(e) }),
  });
  return { kafka, producer, relay };
}
