import type { ClickstreamConfig } from "./clickstream-config";

const MiB = 1024 * 1024;

/**
 * What a world holds in memory: per user (its id string and typed-array rows), per product (id,
 * page path, typed-array rows and alias tables) and its fixed part (the Faker pools), as V8's heap
 * counts them on a 64-bit build, rounded up. A unit test measures them again.
 */
export const WORLD_BYTES = { perUser: 80, perProduct: 210, fixed: 64 * 1024 } as const;

/** The generator function's memory (`infra/generator.ts`; a unit test keeps the two equal). */
export const GENERATOR_MEMORY_BYTES = 256 * MiB;

/**
 * What the generator needs besides worlds: Node and the bundle, the Kafka and Postgres clients,
 * and a minute's own work (its plan, its in-flight events).
 */
export const GENERATOR_RUNTIME_BYTES = 160 * MiB;

/**
 * The memory the clickstream worlds of one generator process may take together, cached or in use:
 * what the generator function has beyond its runtime. `POST /stream/start` admits clickstream
 * streams against it (`checkCapacity`), the world cache evicts down to it, and the largest world a
 * setting may ask for fits in it.
 */
export const WORLD_BUDGET_BYTES = GENERATOR_MEMORY_BYTES - GENERATOR_RUNTIME_BYTES;

/** The bytes a world of this size holds (an estimate from `WORLD_BYTES`). */
export function worldBytes(size: Pick<ClickstreamConfig, "users" | "products">): number {
  return (
    WORLD_BYTES.fixed + size.users * WORLD_BYTES.perUser + size.products * WORLD_BYTES.perProduct
  );
}

/** "12.3 MB", for messages about world sizes. */
export const formatMegabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
