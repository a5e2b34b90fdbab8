import {
  GenericError,
  MultipleErrors,
  Producer as PlatformaticProducer,
  type SASLOptions,
} from "@platformatic/kafka";
import { AppError } from "../errors/index";
import { chunkByBytes } from "./chunk";
import type { KafkaConfig } from "./client";
import { murmur2 } from "./murmur2";

// The firehose's producer: @platformatic/kafka, because it encodes the same batches for much less
// CPU per message than kafkajs (pure JS, no native build); `pnpm bench firehose` prints the two
// side by side. The validated, idempotent `createProducer` stays on kafkajs for everything else.

export type BulkCompression = "none" | "gzip" | "snappy" | "lz4";

/** One pre-serialised record: Buffers pass to the wire as they are (no copy, no re-encode). */
export interface BulkRecord {
  topic: string;
  key: Buffer;
  value: Buffer;
}

export interface BulkProducerOptions {
  /** snappy and lz4 are built in (WASM); zstd needs Node 22's zlib, so it is not offered. */
  compression?: BulkCompression;
  /** Produce requests the client pipelines per broker connection (default 8). */
  maxInflights?: number;
  /** Attempts per produce request before its send fails (default 2, 250 ms apart). */
  retries?: number;
  /**
   * Bytes per produce request, at most (default 900 kB); larger sends are split and the parts sent
   * concurrently. The broker refuses a partition's batch over 1 MB (message.max.bytes), so a
   * caller that knows its topics' partition count may raise this to about partitions x 800 kB.
   */
  maxRequestBytes?: number;
}

export interface BulkProducer {
  /** Connects and loads metadata for `topics`; throws UNAVAILABLE fast when Kafka is unreachable. */
  connect(topics: readonly string[]): Promise<void>;
  /**
   * Sends records (any mix of topics) with acks=all, NOT idempotent; resolves once every one is
   * acknowledged. A failure after retries may leave part of the batch written (at-least-once).
   */
  send(records: BulkRecord[]): Promise<void>;
  close(): Promise<void>;
}

const tooLarge = ["MESSAGE_TOO_LARGE", "RECORD_LIST_TOO_LARGE"];
const badInput = ["INVALID_TOPIC_EXCEPTION", "INVALID_RECORD", "CORRUPT_MESSAGE"];

/** A high-throughput acks=all producer of pre-serialised records (the firehose path). */
export function createBulkProducer(
  config: KafkaConfig,
  options: BulkProducerOptions = {},
): BulkProducer {
  if (config.brokers.length === 0) throw new Error("Kafka config: no brokers");
  const maxRequestBytes = options.maxRequestBytes ?? 900_000;
  const producer = new PlatformaticProducer<Buffer, Buffer, Buffer, Buffer>({
    clientId: config.clientId ?? "gourmetgram-firehose",
    bootstrapBrokers: config.brokers,
    tls: config.ssl === true ? {} : config.ssl || undefined,
    sasl: config.sasl ? toSasl(config.sasl) : undefined,
    connectTimeout: config.connectionTimeoutMs ?? 3_000,
    timeout: config.requestTimeoutMs ?? 30_000,
    retries: options.retries ?? 2,
    retryDelay: 250,
    maxInflights: options.maxInflights ?? 8,
    // acks=all without idempotence: the broker acknowledges after the in-sync replicas have the
    // batch, and we skip the producer-id handshake and per-partition sequence bookkeeping.
    acks: -1,
    idempotent: false,
    compression: options.compression ?? "none",
    autocreateTopics: false,
    // The Java client's partitioning (murmur2, positive mask; the library takes it modulo the
    // partition count): same key, same partition as kafkajs and JVM producers. The library's own
    // murmur2 runs on BigInts and was 9% of the firehose's CPU; its default mask is not Java's.
    partitioner: (_message, key) => (key ? murmur2(key) & 0x7fffffff : 0),
  });
  return {
    async connect(topics) {
      try {
        await producer.metadata({ topics: [...topics], autocreateTopics: false });
      } catch (e) {
        throw fromBulkError(e, "connect");
      }
    },
    async send(records) {
      if (records.length === 0) return;
      try {
        const parts = chunkByBytes(records, maxRequestBytes);
        await Promise.all(parts.map((messages) => producer.send({ messages })));
      } catch (e) {
        throw fromBulkError(e, "send");
      }
    },
    async close() {
      await producer.close().catch(() => {});
    },
  };
}

function toSasl(s: NonNullable<KafkaConfig["sasl"]>): SASLOptions {
  const mechanism = s.mechanism === "plain" ? "PLAIN" : s.mechanism.toUpperCase();
  return {
    mechanism: mechanism as SASLOptions["mechanism"],
    username: s.username,
    password: s.password,
  };
}

/** Translates a @platformatic/kafka error into an AppError, like `fromKafkaError` for kafkajs. */
export function fromBulkError(e: unknown, action: string): AppError {
  if (e instanceof AppError) return e;
  const message = describe(e);
  // Both classes offer findBy, which searches nested errors; their union's overloads do not unify.
  const find = e instanceof GenericError || e instanceof MultipleErrors ? e : undefined;
  const has = (ids: string[]) =>
    find !== undefined && ids.some((id) => (find as GenericError).findBy("apiId", id) !== null);
  if (has(tooLarge)) {
    return new AppError("TOO_LARGE", `${action}: ${message}`, { dependency: "kafka", cause: e });
  }
  if (has(badInput)) {
    return new AppError("INVALID_INPUT", `${action}: ${message}`, {
      dependency: "kafka",
      cause: e,
    });
  }
  return new AppError("UNAVAILABLE", `${action}: kafka unavailable: ${message}`, {
    dependency: "kafka",
    retriable: true,
    cause: e,
  });
}

// The library nests the useful part ("connect ECONNREFUSED 127.0.0.1:9092") a few causes deep.
function describe(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur instanceof Error && depth < 4; depth++) {
    if (!parts.includes(cur.message)) parts.push(cur.message);
    cur = cur instanceof AggregateError && cur.errors.length > 0 ? cur.errors[0] : cur.cause;
  }
  return parts.join(": ") || String(e);
}
