export { jsonLogger, type Logger } from "@gg/http";
export { type App, createApp } from "./app";
export { buildRelayRuntime, buildRuntime, type Runtime } from "./compose";
export { ApiConfig } from "./config";
export type { ApiDeps, Probe } from "./deps";
export { apiSettingsFromEnv } from "./env";
export { prepareStores } from "./migrate";
export { ApiSettings, type RelaySettings, StorageSettings } from "./settings";
