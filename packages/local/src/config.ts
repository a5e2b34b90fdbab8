import { type ApiSettings, apiSettingsFromEnv } from "@gg/api";
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
  /** Which parts run on embedded defaults (for the start-up banner). */
  embedded: { database: boolean; kafka: boolean; storage: boolean };
  env: NodeJS.ProcessEnv;
  /** The API settings, given the URL of the database to use when none is configured. */
  apiSettings(embeddedDatabaseUrl: string | undefined): ApiSettings;
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
    apiSettings: (embeddedDatabaseUrl) =>
      apiSettingsFromEnv(env, { embeddedDatabaseUrl, dataDir: e.GG_LOCAL_DIR }),
  };
}
