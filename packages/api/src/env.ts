import { type Env, int, list, read } from "@gg/core/env";
import * as Kafka from "@gg/core/kafka";
import {
  awsEndpointFromEnv,
  awsFromEnv,
  databaseUrlFromEnv,
  localStackOf,
  usesLocalStack,
} from "@gg/core/services";
import { ApiSettings } from "./settings";

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
  const kafka = Kafka.kafkaFromEnv(env, local ? [local.kafkaBrokers] : undefined);
  const s3Endpoint = awsEndpointFromEnv(env, "S3_ENDPOINT");
  const bucket = read(env, "S3_BUCKET");
  const dataDir = defaults.dataDir ?? ".local";
  return ApiSettings.parse({
    api: {
      uploadMaxBytes: int(env, "UPLOAD_MAX_BYTES"),
      apiKey: read(env, "API_KEY"),
      allowedHosts: list(env, "ALLOWED_HOSTS"),
      flush: read(env, "OUTBOX_FLUSH"),
      relayPeriodSeconds: int(env, "OUTBOX_RELAY_PERIOD_SECONDS"),
    },
    databaseUrl: databaseUrlFromEnv(env, defaults.embeddedDatabaseUrl),
    databasePoolSize: int(env, "DATABASE_POOL_SIZE"),
    kafka: kafka ? { ...kafka, topicPrefix: read(env, "KAFKA_TOPIC_PREFIX") } : null,
    eventsDir: read(env, "EVENTS_DIR") ?? `${dataDir}/events`,
    storage:
      s3Endpoint || bucket
        ? { kind: "s3", bucket: bucket ?? "gourmetgram-images", ...awsFromEnv(env, s3Endpoint) }
        : { kind: "folder", root: read(env, "STORAGE_DIR") ?? `${dataDir}/objects` },
  });
}
