import { z } from "zod";
import { type Env, flag, oneOf, read } from "../env/index";
import { invalidInput } from "../errors/index";

// The one reader of Kafka connection settings (brokers, TLS, SASL) for every deployable: the
// API, the relay, the control plane, the generator, the CLIs and the firehose parse plain
// variables with `kafkaFromEnv`; deployed functions get SST's typed link through `kafkaFromLink`.

export const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Where a Kafka cluster is and how to authenticate to it; the type every client builds from. */
export const KafkaConnection = z.object({
  brokers: z.array(z.string().min(1)).min(1),
  /** TLS with the system CAs (MSK, Confluent Cloud, Redpanda Cloud). */
  ssl: z.boolean().default(false),
  sasl: z
    .object({
      mechanism: z.enum(SASL_MECHANISMS),
      username: z.string().min(1),
      password: z.string().min(1),
    })
    .optional(),
});
export type KafkaConnection = z.infer<typeof KafkaConnection>;

/**
 * A connection as one of our clients uses it: with its client id, the kafkajs log level it keeps
 * and the prefix of every GourmetGram topic name (tests isolate runs with it).
 */
export const KafkaSettings = KafkaConnection.extend({
  clientId: z.string().default("gourmetgram-api"),
  /** kafkajs log lines below this level are dropped (it is chatty during an outage). */
  logLevel: z.enum(["nothing", "error", "warn", "info", "debug"]).default("warn"),
  /** Prepended to every topic name (default none: the contract's names). */
  topicPrefix: z.string().default(""),
});
export type KafkaSettings = z.infer<typeof KafkaSettings>;

/** A comma-separated `host:port` list; `name` is the variable (or secret) it came from. */
export function parseBrokers(value: string, name = "KAFKA_BROKERS"): string[] {
  const brokers = value
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) throw invalidInput(`${name} is empty: set host:port[,host:port]`);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      throw invalidInput(`${name} entry "${broker}" is not host:port`);
    }
  }
  return brokers;
}

/**
 * KAFKA_BROKERS, KAFKA_SSL (1/true/yes or 0/false/no), KAFKA_SASL_MECHANISM (plain,
 * scram-sha-256, scram-sha-512, any case), KAFKA_USERNAME and KAFKA_PASSWORD. Null when no brokers
 * are set and no `fallbackBrokers` are given (events then stay local). SASL is all or nothing: a
 * mechanism without credentials, or credentials without a mechanism, is an error naming what is
 * missing, never a silent plaintext connection.
 */
export function kafkaFromEnv(env: Env, fallbackBrokers?: string[]): KafkaConnection | null {
  const listed = read(env, "KAFKA_BROKERS");
  const brokers = listed ? parseBrokers(listed) : fallbackBrokers;
  if (!brokers?.length) return null;
  const ssl = flag(env, "KAFKA_SSL") ?? false;
  const mechanism = oneOf(env, "KAFKA_SASL_MECHANISM", SASL_MECHANISMS);
  const username = read(env, "KAFKA_USERNAME");
  const password = env.KAFKA_PASSWORD || undefined; // a password may start or end with a space
  if (mechanism && username && password) {
    return { brokers, ssl, sasl: { mechanism, username, password } };
  }
  if (!mechanism && !username && !password) return { brokers, ssl };
  const missing = [
    mechanism ? undefined : "KAFKA_SASL_MECHANISM",
    username ? undefined : "KAFKA_USERNAME",
    password ? undefined : "KAFKA_PASSWORD",
  ].filter((m) => m !== undefined);
  throw invalidInput(
    `Kafka SASL needs KAFKA_SASL_MECHANISM, KAFKA_USERNAME and KAFKA_PASSWORD together: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set`,
  );
}

/** What infra/kafka.ts links as `Resource.Kafka` (already checked at deploy time). */
export interface KafkaLink {
  brokers: string[];
  ssl: boolean;
  mechanism: SaslMechanism;
  /** Empty: no SASL (e.g. a private cluster reachable over TLS only). */
  username: string;
  password: string;
}

/** The connection from SST's typed link: no strings to parse, only the empty-username rule. */
export function kafkaFromLink(link: KafkaLink): KafkaConnection {
  return KafkaConnection.parse({
    brokers: link.brokers,
    ssl: link.ssl,
    sasl: link.username
      ? { mechanism: link.mechanism, username: link.username, password: link.password }
      : undefined,
  });
}
