export { jsonLogger, type Logger } from "@gg/http";
export { type App, createApp } from "./app";
export { buildRelayRuntime, buildRuntime, createWrites, type Runtime } from "./compose";
export type { ApiDeps, Probe, Writes } from "./deps";
export { apiSettingsFromEnv } from "./env";
export { prepareStores, prepareStoresOnDeploy } from "./migrate";
export { isTransient, type RetryClock, type RetryOptions, retryTransient } from "./migrate-retry";
export { ApiConfig, ApiSettings, type RelaySettings, StorageSettings } from "./settings";
