export { type ControlApp, createControlApp } from "./app";
export { buildControlRuntime, type ControlRuntime } from "./compose";
export type { ControlDeps, FirehoseEngine, TrafficSchedule } from "./deps";
export { controlSettingsFromEnv, LOCAL_SCHEDULE } from "./env";
export type { TickQueue } from "./local-schedule";
export {
  ControlSettings,
  type ControlSettingsInput,
  ScheduleSettings,
} from "./settings";
