import kafkajs, { type Kafka, type Producer as KafkaProducer, type Message } from "kafkajs";
import type { AppError } from "../errors/index";
import { invalidInput } from "../errors/index";
import { chunkByBytes } from "./chunk";
import { fromKafkaError } from "./kafka-error";
import { encode, type TopicDef } from "./topic";

const { CompressionTypes, Partitioners } = kafkajs;

export interface ProducerOptions {
  /** Idempotent (broker-side dedup of retries within a session); default true. */
  idempotent?: boolean;
  /** Send attempts before a send fails with UNAVAILABLE (default 5, about 10 s of backoff). */
  retries?: number;
  compression?: "none" | "gzip";
  /** Upper bound of one produce request's payload; larger sends are split, in order. */
  maxBatchBytes?: number;
  allowAutoTopicCreation?: boolean;
}

/** A message for `sendRaw`: already serialised JSON, with its key (and its partition, if chosen). */
export interface RawMessage {
  key: string | Buffer;
  value: string | Buffer;
  partition?: number;
}

/** What a send reached: its first `acked` messages are durably written; the rest, if any, not. */
export interface SendOutcome {
  acked: number;
  error?: AppError;
}

export interface Producer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Validates each value against the topic schema, keys it, sends all with acks=all. */
  send<T>(topic: TopicDef<T>, values: readonly T[]): Promise<void>;
  /** Sends pre-serialised JSON objects (the firehose path); only a cheap shape check is made. */
  sendRaw(topic: { readonly name: string }, messages: readonly RawMessage[]): Promise<void>;
  /**
   * `sendRaw` that never throws and says how far it got: chunks go in order, so a failure leaves
   * an acknowledged prefix. The outbox relay marks exactly that prefix sent.
   */
  sendRawCounted(
    topic: { readonly name: string },
    messages: readonly RawMessage[],
  ): Promise<SendOutcome>;
  /** The topic's partition count as of this producer's last send to it (unknown before one). */
  partitionCount(topic: string): number | undefined;
}

/**
 * An acks=all producer, idempotent by default, that connects lazily and replaces itself after a
 * failed send. Errors come out as AppError (UNAVAILABLE, retriable, dependency "kafka").
 */
export function createProducer(kafka: Kafka, options: ProducerOptions = {}): Producer {
  const idempotent = options.idempotent ?? true;
  const compression =
    options.compression === "gzip" ? CompressionTypes.GZIP : CompressionTypes.None;
  const maxBatchBytes = options.maxBatchBytes ?? 900_000;
  let current: Promise<KafkaProducer> | undefined;
  // Learnt from the partitioner, which kafkajs hands the topic's metadata on every send: the
  // relay can then group a topic's messages by partition with no metadata request of its own.
  const partitions = new Map<string, number>();
  const partitioner = () => {
    const java = Partitioners.DefaultPartitioner();
    return (args: Parameters<ReturnType<typeof Partitioners.DefaultPartitioner>>[0]) => {
      partitions.set(args.topic, args.partitionMetadata.length);
      return java(args);
    };
  };

  const make = async (): Promise<KafkaProducer> => {
    const p = kafka.producer({
      idempotent,
      // KIP-98 asks one in-flight request per connection for idempotence; kafkajs serialises
      // idempotent produce requests per broker anyway, so this costs nothing extra.
      maxInFlightRequests: idempotent ? 1 : undefined,
      // kafkajs' idempotent default is infinite retries: a Kafka outage would hang every send.
      // We bound them and start a new producer (new producer id) after a failure instead;
      // a resend after that may duplicate, which consumers dedupe by `event_id`.
      retry: { retries: options.retries ?? 5, initialRetryTime: 300, maxRetryTime: 5_000 },
      allowAutoTopicCreation: options.allowAutoTopicCreation ?? true,
      // The Java client's murmur2 partitioner: same key, same partition as JVM producers.
      createPartitioner: partitioner,
    });
    await p.connect();
    return p;
  };

  const get = (): Promise<KafkaProducer> => {
    if (!current) {
      const attempt = make();
      current = attempt;
      // A failed connect must not stick: the next call tries again (the original stayed off).
      attempt.catch(() => {
        if (current === attempt) current = undefined;
      });
    }
    return current;
  };

  const discard = (failed: Promise<KafkaProducer>) => {
    if (current !== failed) return;
    current = undefined;
    failed.then((p) => p.disconnect()).catch(() => {});
  };

  const produce = async (topic: string, messages: Message[]): Promise<SendOutcome> => {
    const producer = get();
    let acked = 0;
    try {
      const p = await producer;
      for (const batch of chunkByBytes(messages, maxBatchBytes)) {
        await p.send({ topic, messages: batch, acks: -1, compression });
        acked += batch.length;
      }
      return { acked };
    } catch (e) {
      discard(producer);
      partitions.delete(topic);
      return { acked, error: fromKafkaError(e, `send to ${topic}`) };
    }
  };
  const produceOrThrow = async (topic: string, messages: Message[]) => {
    const { error } = await produce(topic, messages);
    if (error) throw error;
  };

  return {
    async connect() {
      try {
        await get();
      } catch (e) {
        throw fromKafkaError(e, "connect");
      }
    },
    async disconnect() {
      const p = current;
      current = undefined;
      if (p) await (await p.catch(() => undefined))?.disconnect();
    },
    async send(topic, values) {
      if (values.length === 0) return;
      // Encode everything first: one bad value fails the call before any message is sent.
      await produceOrThrow(
        topic.name,
        values.map((v) => encode(topic, v)),
      );
    },
    async sendRaw(topic, messages) {
      if (messages.length === 0) return;
      for (const m of messages) checkRaw(topic.name, m);
      await produceOrThrow(topic.name, messages as RawMessage[] as Message[]);
    },
    async sendRawCounted(topic, messages) {
      if (messages.length === 0) return { acked: 0 };
      for (const m of messages) checkRaw(topic.name, m);
      return produce(topic.name, messages as RawMessage[] as Message[]);
    },
    partitionCount: (topic) => partitions.get(topic),
  };
}

// Every contract value is a JSON object; a first-byte check keeps null, empty and plain-text
// values out without paying for a JSON parse per message on the firehose path.
function checkRaw(topic: string, m: RawMessage): void {
  const v = m?.value;
  const first = typeof v === "string" ? v.charCodeAt(0) : v instanceof Buffer ? v[0] : undefined;
  if (first !== 0x7b /* "{" */) {
    throw invalidInput(`${topic}: a raw message value must be a serialised JSON object`);
  }
  if (m.key === undefined || m.key === null || m.key.length === 0) {
    throw invalidInput(`${topic}: a raw message needs a key`);
  }
}
