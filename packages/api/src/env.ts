import { ApiSettings } from "./settings";

type Env = Record<string, string | undefined>;

/** The local stack of `pnpm services` (and of the compose file). */
export const LOCAL_STACK = {
  databaseUrl: "postgres://postgres:postgres@127.0.0.1:5432/gourmetgram",
  kafkaBrokers: "127.0.0.1:9092",
  s3Endpoint: "http://127.0.0.1:4566",
} as const;

const list = (v: string | undefined) =>
  v
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const int = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));

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
  const local = env.GG_LOCAL_STACK === "1" || env.GG_LOCAL_STACK === "true";
  const databaseUrl =
    env.DATABASE_URL ?? (local ? LOCAL_STACK.databaseUrl : defaults.embeddedDatabaseUrl);
  const brokers = list(env.KAFKA_BROKERS) ?? (local ? [LOCAL_STACK.kafkaBrokers] : undefined);
  const s3Endpoint =
    env.S3_ENDPOINT ?? env.AWS_ENDPOINT_URL ?? (local ? LOCAL_STACK.s3Endpoint : undefined);
  const dataDir = defaults.dataDir ?? ".local";
  const useS3 = Boolean(s3Endpoint || env.S3_BUCKET);
  return ApiSettings.parse({
    api: {
      uploadMaxBytes: int(env.UPLOAD_MAX_BYTES),
      apiKey: env.API_KEY || undefined,
      flush: env.OUTBOX_FLUSH,
    },
    databaseUrl,
    databasePoolSize: int(env.DATABASE_POOL_SIZE),
    kafka: brokers
      ? {
          brokers,
          ssl: env.KAFKA_SSL === "true",
          topicPrefix: env.KAFKA_TOPIC_PREFIX,
          sasl: env.KAFKA_SASL_MECHANISM
            ? {
                mechanism: env.KAFKA_SASL_MECHANISM.toLowerCase(),
                username: env.KAFKA_USERNAME,
                password: env.KAFKA_PASSWORD,
              }
            : undefined,
        }
      : null,
    eventsDir: env.EVENTS_DIR ?? `${dataDir}/events`,
    storage: useS3
      ? {
          kind: "s3",
          bucket: env.S3_BUCKET ?? "gourmetgram-images",
          region: env.AWS_REGION,
          endpoint: s3Endpoint,
          // An emulator takes any keys; without these the SDK would look for real ones and fail.
          credentials:
            s3Endpoint && !env.AWS_ACCESS_KEY_ID
              ? { accessKeyId: "test", secretAccessKey: "test" }
              : undefined,
        }
      : { kind: "folder", root: env.STORAGE_DIR ?? `${dataDir}/objects` },
  });
}
