export { type App, createApp } from "./app";
export { buildRuntime, type Runtime } from "./compose";
export { ApiConfig } from "./config";
export { type ApiDeps, jsonLogger, type Logger, type Probe } from "./deps";
export { ApiSettings, KafkaSettings, StorageSettings } from "./settings";
