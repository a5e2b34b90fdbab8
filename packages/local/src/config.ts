import { type ApiSettings, apiSettingsFromEnv } from "@gg/api";
import { type ControlSettings, controlSettingsFromEnv } from "@gg/control";
import { flag, int, read } from "@gg/core/env";
import { localStackOf, PORT, usesLocalStack } from "@gg/core/services";
import { type GeneratorSettings, generatorSettingsFromEnv } from "@gg/traffic/generator";

// The one module of the local runner (`pnpm start`) that reads the environment.

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
  const local = usesLocalStack(env);
  /** Where the embedded defaults keep objects and event files. */
  const dataDir = read(env, "GG_LOCAL_DIR") ?? ".local";
  return {
    port: int(env, "PORT", PORT) ?? 8000,
    host: read(env, "HOST") ?? "127.0.0.1",
    dataDir,
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
      generatorSettingsFromEnv(env, {
        apiUrl,
        apiKey,
        // Clickstream streams write to Kafka directly: the same brokers the API uses.
        kafkaBrokers: local ? [localStackOf(env).kafkaBrokers] : undefined,
      }),
    apiSettings: (embeddedDatabaseUrl) => apiSettingsFromEnv(env, { embeddedDatabaseUrl, dataDir }),
    controlSettings: (embeddedDatabaseUrl) => controlSettingsFromEnv(env, { embeddedDatabaseUrl }),
  };
}
