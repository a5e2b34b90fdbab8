/** The e-commerce clickstream scenario: seeded users, products, sessions and interactions. */
export {
  CLICKSTREAM_TOPICS,
  type Clickstream,
  type ClickstreamOptions,
  type ClickstreamRecord,
  type ClickstreamTopic,
  createClickstream,
} from "./clickstream";
export {
  ClickstreamConfig,
  type ClickstreamConfigOverrides,
  clickstreamConfig,
  DEFAULT_CLICKSTREAM_CONFIG,
} from "./config";
export { createIsoFormatter, fastUuid, ipv4, isoMicro, roundCents } from "./format";
export { generateProducts, productAt } from "./products";
export * from "./schemas";
export { encodeRecord, interactionJson } from "./serialize";
export type { SessionWithInteractions } from "./session-emit";
export { type GenerateOptions, generateInteractions, generateSessions } from "./sessions";
export {
  applyClickstreamSettings,
  ClickstreamSettings,
  MAX_SETTING_PRODUCTS,
  MAX_SETTING_USERS,
} from "./settings";
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
