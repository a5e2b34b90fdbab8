/** The e-commerce clickstream scenario: seeded users, products, sessions and interactions. */
export {
  type Clickstream,
  type ClickstreamOptions,
  type ClickstreamRecord,
  createClickstream,
} from "./clickstream";
export {
  applyClickstreamSettings,
  ClickstreamConfig,
  ClickstreamSettings,
  DEFAULT_CLICKSTREAM_CONFIG,
  MAX_SETTING_PRODUCTS,
  MAX_SETTING_USERS,
} from "./clickstream-config";
export { ipv4, roundCents } from "./format";
export { generateProducts, productAt } from "./products";
export { encodeRecord, interactionJson } from "./serialize";
export type { SessionWithInteractions } from "./session-emit";
export { SessionSource } from "./sessions";
export type { TimeFrame, TimeWindow } from "./time-frame";
export { generateUsers, userAt } from "./users";
export { createWorld, type World, type WorldOptions } from "./world";
export {
  formatMegabytes,
  GENERATOR_MEMORY_BYTES,
  GENERATOR_RUNTIME_BYTES,
  WORLD_BUDGET_BYTES,
  WORLD_BYTES,
  worldBytes,
} from "./world-size";
