import { type Env, flag, read } from "@gg/core/env";
import * as Kafka from "@gg/core/kafka";
import { ApiSettings } from "./settings";

/**
 * The local stack of `pnpm services` (and of the compose file), on the ports it was told to use:
 * GG_PG_PORT (5432), GG_KAFKA_PORT (9092) and GG_LOCALSTACK_PORT (4566), as `pnpm services` reads them.
 */
export function localStackOf(env: Env) {
  const port = (name: string, fallback: number) => {
    const v = read(env, name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65_535)
      throw new Error(`${name}="${v}" is not a port`);
    return n;
  };
  return {
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port("GG_PG_PORT", 5432)}/gourmetgram`,
    kafkaBrokers: `127.0.0.1:${port("GG_KAFKA_PORT", 9092)}`,
    s3Endpoint: `http://127.0.0.1:${port("GG_LOCALSTACK_PORT", 4566)}`,
  };
}

/** The local stack on its default ports. */
export const LOCAL_STACK = localStackOf({});

/** GG_LOCAL_STACK=1: use the whole `pnpm services` stack at once. */
export const usesLocalStack = (env: Env) => flag(env, "GG_LOCAL_STACK") ?? false;

const int = (env: Env, name: string) => {
  const v = read(env, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name}="${v}" is not a whole number`);
  return n;
};

/**
 * ApiSettings from plain environment variables. Pure: the deployable passes its `process.env`.
 * Each of DATABASE_URL, KAFKA_BROKERS and S3_ENDPOINT (or S3_BUCKET on AWS) switches one part
 * to a real service; GG_LOCAL_STACK=1 selects the whole `pnpm services` stack at once.
 * `embeddedDatabaseUrl` is used when no database is configured.
 */
export function apiSettingsFromEnv(
  env: Env,
  defaults: { embeddedDatabaseUrl?: string; dataDir?: string } = {},
) {
  const local = usesLocalStack(env) ? localStackOf(env) : undefined;
  const databaseUrl =
    read(env, "DATABASE_URL") ?? local?.databaseUrl ?? defaults.embeddedDatabaseUrl;
  const kafka = Kafka.kafkaFromEnv(env, local ? [local.kafkaBrokers] : undefined);
  const s3Endpoint = read(env, "S3_ENDPOINT") ?? read(env, "AWS_ENDPOINT_URL") ?? local?.s3Endpoint;
  const bucket = read(env, "S3_BUCKET");
  const dataDir = defaults.dataDir ?? ".local";
  return ApiSettings.parse({
    api: {
      uploadMaxBytes: int(env, "UPLOAD_MAX_BYTES"),
      apiKey: read(env, "API_KEY"),
      flush: read(env, "OUTBOX_FLUSH"),
      relayPeriodSeconds: int(env, "OUTBOX_RELAY_PERIOD_SECONDS"),
    },
    databaseUrl,
    databasePoolSize: int(env, "DATABASE_POOL_SIZE"),
    kafka: kafka ? { ...kafka, topicPrefix: read(env, "KAFKA_TOPIC_PREFIX") } : null,
    eventsDir: read(env, "EVENTS_DIR") ?? `${dataDir}/events`,
    storage:
      s3Endpoint || bucket
        ? {
            kind: "s3",
            bucket: bucket ?? "gourmetgram-images",
            region: read(env, "AWS_REGION"),
            endpoint: s3Endpoint,
            // An emulator takes any keys; without these the SDK would look for real ones and fail.
            credentials:
              s3Endpoint && !read(env, "AWS_ACCESS_KEY_ID")
                ? { accessKeyId: "test", secretAccessKey: "test" }
                : undefined,
          }
        : { kind: "folder", root: read(env, "STORAGE_DIR") ?? `${dataDir}/objects` },
  });
}
