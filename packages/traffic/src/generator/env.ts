import {
  type ClickstreamKind,
  clickstreamTopicNamesFromEnv,
  type KafkaConfig,
  type KafkaConnection,
  kafkaFromEnv,
} from "@gg/core/kafka";
import { parseRate } from "@gg/core/rate";
import { z } from "zod";
import { type RateCeilings, rateCeilingsFromEnv } from "../scenarios/index";
import type { ClickstreamDelivery } from "../scenarios/plugins";
import { StartStream } from "../streams/index";

type Env = Record<string, string | undefined>;

const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const Env = z.object({
  GENERATOR_API_URL: z.url().default("http://localhost:8000"),
  GENERATOR_API_KEY: z.string().optional(),
  API_KEY: z.string().optional(),
  DATABASE_URL: z.string().default("postgres://postgres:postgres@127.0.0.1:5432/gourmetgram"),
  GENERATOR_DATASET_PATH: z.string().optional(),
  GENERATOR_ARRIVAL_RATE: z.string().default("150"),
  GENERATOR_MODE: z.enum(["poisson", "simulate_viral"]).default("poisson"),
  GENERATOR_TARGET_IMAGE_ID: z.string().optional(),
  GENERATOR_BURST_VIEWS: int(110),
  GENERATOR_BURST_COMMENTS: int(8),
  GENERATOR_BURST_FLAGS: int(2),
  GENERATOR_TEST_ACCOUNT_RATE: z.coerce.number().min(0).max(1).default(0.02),
  GENERATOR_INITIAL_USERS: int(0),
  GENERATOR_INITIAL_IMAGES: int(0),
  GENERATOR_SEED: z.string().optional(),
  GENERATOR_MIX: z.string().optional(),
  GENERATOR_CONCURRENCY: z.coerce.number().int().positive().default(64),
  GENERATOR_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Events/s one invocation fires on time; a minute above it is split over shards. */
  GENERATOR_SHARD_RATE: z.coerce.number().positive().default(2_000),
  GENERATOR_MAX_SHARDS: z.coerce.number().int().positive().default(16),
  /** Test-only: play each minute in 60 s / scale. */
  GENERATOR_TIME_SCALE: z.coerce.number().positive().default(1),
});

/** The generator's configuration, parsed once by each deployable's config module. */
export interface GeneratorSettings {
  apiUrl: string;
  apiKey: string | undefined;
  databaseUrl: string;
  databasePoolSize: number;
  /** Unset: the bundled Food-11 sample. */
  datasetPath: string | undefined;
  concurrency: number;
  requestTimeoutMs: number;
  timeScale: number;
  testAccountRate: number;
  initialUsers: number;
  initialImages: number;
  /** Shards: the rate one invocation fires on time, and the most shards a minute is split over. */
  shardRate: number;
  maxShards: number;
  /** The stream the env describes (local runs and the CLI run it when no stream is running). */
  defaultStream: StartStream;
  /** Kafka for clickstream streams (`KAFKA_*`); null: those streams fail "not wired". */
  clickstream: ClickstreamDelivery | null;
  /**
   * What the deployment fires per scenario (`GENERATOR_MAX_RATE`, `CLICKSTREAM_MAX_RATE`; deployed,
   * GourmetGram's is the stage's capacity): a minute drawn above it fails alone.
   */
  rateCeilings: RateCeilings;
}

/**
 * GeneratorSettings from `GENERATOR_*` variables (the original generator's names and defaults).
 * `GENERATOR_ARRIVAL_RATE` is events per HOUR when bare (`150`), or `N/s`, `N/min`, `N/h`.
 */
export function generatorSettingsFromEnv(
  env: Env,
  /** A deployed function's typed Kafka link (null: none), used instead of `KAFKA_*`. */
  linked: { kafka?: KafkaConnection | null } = {},
): GeneratorSettings {
  const e = Env.parse(stripEmpty(env));
  const rate = /^\s*[\d.]+\s*$/.test(e.GENERATOR_ARRIVAL_RATE)
    ? `${e.GENERATOR_ARRIVAL_RATE.trim()}/h`
    : e.GENERATOR_ARRIVAL_RATE;
  parseRate(rate); // fail at start-up, naming the variable's accepted forms
  const seed = e.GENERATOR_SEED;
  // KAFKA_* as every deployable reads them (core's one parser), unless SST linked a Kafka.
  const kafka = linked.kafka !== undefined ? linked.kafka : kafkaFromEnv(env);
  return {
    apiUrl: e.GENERATOR_API_URL,
    apiKey: e.GENERATOR_API_KEY ?? e.API_KEY,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: 4,
    datasetPath: e.GENERATOR_DATASET_PATH,
    concurrency: e.GENERATOR_CONCURRENCY,
    requestTimeoutMs: e.GENERATOR_REQUEST_TIMEOUT_MS,
    timeScale: e.GENERATOR_TIME_SCALE,
    testAccountRate: e.GENERATOR_TEST_ACCOUNT_RATE,
    initialUsers: e.GENERATOR_INITIAL_USERS,
    initialImages: e.GENERATOR_INITIAL_IMAGES,
    shardRate: e.GENERATOR_SHARD_RATE,
    maxShards: e.GENERATOR_MAX_SHARDS,
    rateCeilings: rateCeilingsFromEnv(env),
    defaultStream: StartStream.parse({
      scenario: "gourmetgram",
      rate,
      mix: e.GENERATOR_MIX,
      mode: e.GENERATOR_MODE,
      viral: {
        targetImageId: e.GENERATOR_TARGET_IMAGE_ID,
        views: e.GENERATOR_BURST_VIEWS,
        comments: e.GENERATOR_BURST_COMMENTS,
        flags: e.GENERATOR_BURST_FLAGS,
      },
      seed: seed === undefined ? undefined : /^-?\d+$/.test(seed) ? Number(seed) : seed,
    }),
    clickstream: kafka
      ? {
          kafka: { ...kafka, clientId: "gourmetgram-generator" },
          topics: clickstreamTopicNamesFromEnv(env),
        }
      : null,
  };
}

// An exported-but-empty variable means "unset", as shells and .env files write it.
function stripEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
}
