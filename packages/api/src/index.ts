export { type App, createApp } from "./app";
export { buildRelayRuntime, buildRuntime, type Runtime } from "./compose";
export { ApiConfig } from "./config";
export {
  type ControlApp,
  type ControlDeps,
  createControlApp,
  type TrafficSchedule,
} from "./control/index";
export { type ApiDeps, jsonLogger, type Logger, type Probe } from "./deps";
export { apiSettingsFromEnv, LOCAL_STACK, localStackOf, usesLocalStack } from "./env";
export { prepareStores, prepareStoresOnDeploy } from "./migrate";
export { isTransient, type RetryClock, type RetryOptions, retryTransient } from "./migrate-retry";
export { ApiSettings, KafkaSettings, type RelaySettings, StorageSettings } from "./settings";
