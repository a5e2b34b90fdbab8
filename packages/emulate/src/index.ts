export { type EmulateConfig, loadEmulateConfig } from "./config";
export { down } from "./down";
export type { Plan } from "./plan";
export { status } from "./status";
export { type Deployment, evaluateInfra, up } from "./up";
