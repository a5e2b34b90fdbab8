import { type Env, int, number, oneOf, rate, read, url } from "@gg/core/env";
import { clickstreamTopicNamesFromEnv, type KafkaConnection, kafkaFromEnv } from "@gg/core/kafka";
import { parseSeed } from "@gg/core/random";
import { explicitRate } from "@gg/core/rate";
import { databaseUrlFromEnv } from "@gg/core/services";
import { rateCeilingsFromEnv } from "../scenarios/index";
import { StartStream } from "../streams/index";
import type { GeneratorSettings } from "./settings";

/** What the deployable knows better than the environment (typed: never turned back into strings). */
export interface GeneratorDefaults {
  /** The API to fire at (`pnpm start`: its own port); GENERATOR_API_URL still wins. */
  apiUrl?: string;
  /** The API's key (`pnpm start`: API_KEY as the API read it); GENERATOR_API_KEY still wins. */
  apiKey?: string;
  /** A database already chosen (an embedded one); DATABASE_URL still wins. */
  databaseUrl?: string;
  /** A deployed function's typed Kafka link (null: none), used instead of `KAFKA_*`. */
  kafka?: KafkaConnection | null;
  /** Brokers when KAFKA_BROKERS is unset (`pnpm start` on the local stack). */
  kafkaBrokers?: string[];
}

/**
 * GeneratorSettings from `GENERATOR_*` variables, with the original generator's names and
 * defaults. `GENERATOR_ARRIVAL_RATE` is events per HOUR when bare (`150`), or `N/s`, `N/min`,
 * `N/h`. Every variable is read by core's env reader: a bad one stops the start, naming it.
 */
export function generatorSettingsFromEnv(
  env: Env,
  defaults: GeneratorDefaults = {},
): GeneratorSettings {
  rate(env, "GENERATOR_ARRIVAL_RATE"); // its grammar, checked here with the variable's name
  const arrival = read(env, "GENERATOR_ARRIVAL_RATE") ?? "150";
  const seed = read(env, "GENERATOR_SEED");
  const count = (name: string, fallback: number) => int(env, name, { min: 0 }) ?? fallback;
  // KAFKA_* as every deployable reads them (core's one parser), unless SST linked a Kafka.
  const kafka =
    defaults.kafka !== undefined ? defaults.kafka : kafkaFromEnv(env, defaults.kafkaBrokers);
  return {
    apiUrl: url(env, "GENERATOR_API_URL") ?? defaults.apiUrl ?? "http://localhost:8000",
    apiKey: read(env, "GENERATOR_API_KEY") ?? defaults.apiKey ?? read(env, "API_KEY"),
    databaseUrl:
      databaseUrlFromEnv(env, defaults.databaseUrl) ??
      "postgres://postgres:postgres@127.0.0.1:5432/gourmetgram",
    databasePoolSize: 4,
    datasetPath: read(env, "GENERATOR_DATASET_PATH"),
    concurrency: int(env, "GENERATOR_CONCURRENCY", { min: 1 }) ?? 64,
    requestTimeoutMs: int(env, "GENERATOR_REQUEST_TIMEOUT_MS", { min: 1 }) ?? 10_000,
    timeScale: number(env, "GENERATOR_TIME_SCALE", { min: Number.MIN_VALUE }) ?? 1,
    testAccountRate: number(env, "GENERATOR_TEST_ACCOUNT_RATE", { min: 0, max: 1 }) ?? 0.02,
    initialUsers: count("GENERATOR_INITIAL_USERS", 0),
    initialImages: count("GENERATOR_INITIAL_IMAGES", 0),
    shardRate: number(env, "GENERATOR_SHARD_RATE", { min: Number.MIN_VALUE }) ?? 2_000,
    maxShards: int(env, "GENERATOR_MAX_SHARDS", { min: 1 }) ?? 16,
    wakeRate: number(env, "GENERATOR_WAKE_RATE", { min: 0 }) ?? 1,
    wakeLeadMs: int(env, "GENERATOR_WAKE_LEAD_MS", { min: 0 }) ?? 3_000,
    rateCeilings: rateCeilingsFromEnv(env),
    defaultStream: StartStream.parse({
      scenario: "gourmetgram",
      // As written (the dashboard shows it), a bare number with its unit made explicit.
      rate: explicitRate(arrival),
      mix: read(env, "GENERATOR_MIX"),
      mode: oneOf(env, "GENERATOR_MODE", ["poisson", "simulate_viral"]) ?? "poisson",
      viral: {
        targetImageId: read(env, "GENERATOR_TARGET_IMAGE_ID"),
        views: count("GENERATOR_BURST_VIEWS", 110),
        comments: count("GENERATOR_BURST_COMMENTS", 8),
        flags: count("GENERATOR_BURST_FLAGS", 2),
      },
      seed: seed === undefined ? undefined : parseSeed(seed),
    }),
    clickstream: kafka
      ? {
          kafka: { ...kafka, clientId: "gourmetgram-generator" },
          topics: clickstreamTopicNamesFromEnv(env),
        }
      : null,
  };
}
