import { resolve } from "node:path";
import { loadConfig, type ServicesConfig } from "@gg/services";

/** Where and what `pnpm emulate` deploys; read from the environment in this one place. */
export interface EmulateConfig {
  /** The repository (sst.config.ts, infra/, functions/). */
  root: string;
  /** The SST stage the program is evaluated for: it prefixes every physical name. */
  stage: string;
  services: ServicesConfig;
  /** LocalStack's endpoint and region. */
  endpoint: string;
  region: string;
  /** The ApiKey secret; empty means open, as `pnpm start` (any client can use the URLs). */
  apiKey: string;
  /** The database the Database link names on the local Postgres. */
  database: string;
}

/** GG_EMULATE_STAGE (default `local`), API_KEY, GG_EMULATE_DATABASE, and the services' ports. */
export function loadEmulateConfig(env: NodeJS.ProcessEnv, uid: number): EmulateConfig {
  const services = loadConfig(env, uid);
  return {
    root: resolve(import.meta.dirname, "../../.."),
    stage: env.GG_EMULATE_STAGE || "local",
    services,
    endpoint: `http://${services.host}:${services.localstackPort}`,
    region: "us-east-1",
    apiKey: env.API_KEY ?? "",
    database: env.GG_EMULATE_DATABASE || "gourmetgram",
  };
}
