import { type ApiSettings, apiSettingsFromEnv, LOCAL_STACK } from "@gg/api";
import { type ControlSettings, controlSettingsFromEnv } from "@gg/api/control";
import { type GeneratorSettings, generatorSettingsFromEnv } from "@gg/traffic/generator";
import { z } from "zod";

// The one module of the local runner (`pnpm start`) that reads the environment.

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8000),
  HOST: z.string().default("127.0.0.1"),
  /** Where the embedded defaults keep objects and event files. */
  GG_LOCAL_DIR: z.string().default(".local"),
  /** "0" runs the API alone, without the generator's minute loop. */
  GENERATOR_ENABLED: z.enum(["0", "1", "true", "false"]).default("1"),
});

export interface LocalConfig {
  port: number;
  host: string;
  dataDir: string;
  generator: boolean;
  /** GENERATOR_* settings; the API URL and key default to this server's, Kafka to the stack's. */
  generatorSettings(apiUrl: string, apiKey: string | undefined): GeneratorSettings;
  /**
   * With GG_LOCAL_STACK=1 the minute ticks come from an EventBridge rule on LocalStack through an
   * SQS queue (names shared with the control API's local schedule); null: an in-process timer.
   */
  schedule: LocalSchedule | null;
  /** Which parts run on embedded defaults (for the start-up banner). */
  embedded: { database: boolean; kafka: boolean; storage: boolean };
  env: NodeJS.ProcessEnv;
  /** The API settings, given the URL of the database to use when none is configured. */
  apiSettings(embeddedDatabaseUrl: string | undefined): ApiSettings;
  /** The control plane's settings (streams, /generate), on the same database. */
  controlSettings(embeddedDatabaseUrl: string | undefined): ControlSettings;
}

export interface LocalSchedule {
  ruleName: string;
  queueName: string;
  targetId: string;
  aws: {
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
}

/** Parse the local runner's environment once. */
export function loadLocalConfig(env: NodeJS.ProcessEnv): LocalConfig {
  const e = Env.parse(env);
  const local = env.GG_LOCAL_STACK === "1" || env.GG_LOCAL_STACK === "true";
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.GG_LOCAL_DIR,
    generator: e.GENERATOR_ENABLED === "1" || e.GENERATOR_ENABLED === "true",
    embedded: {
      database: !env.DATABASE_URL && !local,
      kafka: !env.KAFKA_BROKERS && !local,
      storage: !env.S3_ENDPOINT && !env.AWS_ENDPOINT_URL && !env.S3_BUCKET && !local,
    },
    env,
    generatorSettings: (apiUrl, apiKey) =>
      generatorSettingsFromEnv({
        GENERATOR_API_URL: apiUrl,
        GENERATOR_API_KEY: apiKey,
        // Clickstream streams write to Kafka directly: the same brokers the API uses.
        KAFKA_BROKERS: local ? LOCAL_STACK.kafkaBrokers : undefined,
        ...env,
      }),
    schedule: local
      ? {
          ruleName: env.GG_TRAFFIC_RULE || "gourmetgram-traffic",
          queueName: env.GG_TRAFFIC_QUEUE || "gourmetgram-traffic-ticks",
          targetId: env.GG_TRAFFIC_TARGET_ID || "ticks",
          aws: {
            region: env.AWS_REGION || "us-east-1",
            endpoint: env.AWS_ENDPOINT_URL || LOCAL_STACK.s3Endpoint,
            credentials: {
              accessKeyId: env.AWS_ACCESS_KEY_ID || "test",
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY || "test",
            },
          },
        }
      : null,
    apiSettings: (embeddedDatabaseUrl) =>
      apiSettingsFromEnv(env, { embeddedDatabaseUrl, dataDir: e.GG_LOCAL_DIR }),
    controlSettings: (embeddedDatabaseUrl) =>
      controlSettingsFromEnv(env, { embeddedDatabaseUrl, dataDir: e.GG_LOCAL_DIR }),
  };
}
