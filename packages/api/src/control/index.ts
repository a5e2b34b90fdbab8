export { type ControlApp, createControlApp } from "./app";
export type { ControlDeps, TrafficSchedule } from "./deps";
