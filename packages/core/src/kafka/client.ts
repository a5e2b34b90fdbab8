import type { ConnectionOptions } from "node:tls";
import kafkajs, { type Kafka, type SASLOptions } from "kafkajs";
import type { KafkaConnection } from "./connection";
import {
  createLogCreator,
  type KafkaLogLevel,
  type KafkaLogSink,
  kafkajsLevel,
  stderrSink,
} from "./log-creator";

export type { Kafka };

export interface KafkaConfig {
  brokers: string[];
  clientId?: string;
  /** TLS: `true` for the system CAs (MSK, Confluent Cloud, Redpanda Cloud), or Node TLS options. */
  ssl?: boolean | ConnectionOptions;
  sasl?: KafkaConnection["sasl"];
  /** TCP + TLS connect timeout per broker (kafkajs default 1 s is short for cloud brokers). */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * Attempts for connects and metadata before a call fails (default 5: about 9 s of backoff).
   * Health checks and request paths that must not wait want fewer.
   */
  retries?: number;
  /** Lines below this level are dropped (default "warn": kafkajs is chatty at info). */
  logLevel?: KafkaLogLevel | "nothing";
  /** Where kept lines go (default: one JSON line each on stderr). */
  log?: KafkaLogSink;
}

/** A kafkajs client for the given brokers, security settings and quiet logging. */
export function createKafka(config: KafkaConfig): Kafka {
  if (config.brokers.length === 0) throw new Error("Kafka config: no brokers");
  return new kafkajs.Kafka({
    clientId: config.clientId ?? "gourmetgram",
    brokers: config.brokers,
    ssl: config.ssl,
    // Spread into a fresh object: kafkajs' SASL type is a union keyed on the mechanism.
    sasl: config.sasl ? ({ ...config.sasl } as SASLOptions) : undefined,
    connectionTimeout: config.connectionTimeoutMs ?? 3_000,
    requestTimeout: config.requestTimeoutMs ?? 30_000,
    retry: { retries: config.retries ?? 5 },
    logLevel: kafkajsLevel[config.logLevel ?? "warn"],
    logCreator: createLogCreator(config.log ?? stderrSink),
  });
}
