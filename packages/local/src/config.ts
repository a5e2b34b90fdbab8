import { type ApiSettings, apiSettingsFromEnv } from "@gg/api";
import { type ControlSettings, controlSettingsFromEnv } from "@gg/control";
import { flag, read, type Env as Vars } from "@gg/core/env";
import { localStackOf, usesLocalStack } from "@gg/core/services";
import { type GeneratorSettings, generatorSettingsFromEnv } from "@gg/traffic/generator";
import { z } from "zod";

// The one module of the local runner (`pnpm start`) that reads the environment.

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8000),
  HOST: z.string().default("127.0.0.1"),
  /** Where the embedded defaults keep objects and event files. */
  GG_LOCAL_DIR: z.string().default(".local"),
});

export interface LocalConfig {
  port: number;
  host: string;
  dataDir: string;
  /** GENERATOR_ENABLED=0 runs the API alone, without the generator's minute loop. */
  generator: boolean;
  /** GENERATOR_* settings; the API URL and key default to this server's, Kafka to the stack's. */
  generatorSettings(apiUrl: string, apiKey: string | undefined): GeneratorSettings;
  /** Which parts run on embedded defaults (for the start-up banner). */
  embedded: { database: boolean; kafka: boolean; storage: boolean };
  env: NodeJS.ProcessEnv;
  /** The API settings, given the URL of the database to use when none is configured. */
  apiSettings(embeddedDatabaseUrl: string | undefined): ApiSettings;
  /**
   * The control plane's settings (streams, /generate, the rule): with GG_LOCAL_STACK=1 its rule
   * lives on LocalStack and fires into the tick queue this runner drains.
   */
  controlSettings(embeddedDatabaseUrl: string | undefined): ControlSettings;
}

/** Parse the local runner's environment once. */
export function loadLocalConfig(env: NodeJS.ProcessEnv): LocalConfig {
  const e = Env.parse(stripEmpty(env));
  const local = usesLocalStack(env);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.GG_LOCAL_DIR,
    generator: flag(env, "GENERATOR_ENABLED") ?? true,
    embedded: {
      database: !read(env, "DATABASE_URL") && !local,
      kafka: !read(env, "KAFKA_BROKERS") && !local,
      storage:
        !read(env, "S3_ENDPOINT") &&
        !read(env, "AWS_ENDPOINT_URL") &&
        !read(env, "S3_BUCKET") &&
        !local,
    },
    env,
    generatorSettings: (apiUrl, apiKey) =>
      generatorSettingsFromEnv({
        GENERATOR_API_URL: apiUrl,
        GENERATOR_API_KEY: apiKey,
        // Clickstream streams write to Kafka directly: the same brokers the API uses.
        KAFKA_BROKERS: local ? localStackOf(env).kafkaBrokers : undefined,
        ...stripEmpty(env),
      }),
    apiSettings: (embeddedDatabaseUrl) =>
      apiSettingsFromEnv(env, { embeddedDatabaseUrl, dataDir: e.GG_LOCAL_DIR }),
    controlSettings: (embeddedDatabaseUrl) => controlSettingsFromEnv(env, { embeddedDatabaseUrl }),
  };
}

// An exported-but-empty variable means "unset", as shells and .env files write it.
function stripEmpty(env: Vars): Vars {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
}
