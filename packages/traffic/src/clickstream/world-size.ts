import type { ClickstreamConfig } from "./config";

/**
 * What a world holds in memory: per user (its id string and typed-array rows), per product (id,
 * page path, typed-array rows and alias tables) and its fixed part (the Faker pools), as V8's heap
 * counts them on a 64-bit build, rounded up. The README says how they were measured.
 */
export const WORLD_BYTES = { perUser: 80, perProduct: 210, fixed: 64 * 1024 } as const;

/**
 * The memory the clickstream worlds of one generator process may take together, cached or in use.
 * Sized for the 256 MB generator Lambda (`infra/generator.ts`), which needs the rest for its
 * runtime, its Kafka and Postgres clients and the minute's own work. `POST /stream/start` admits
 * clickstream streams against it (`checkCapacity`), the world cache evicts down to it, and the
 * largest world a setting may ask for fits in it.
 */
export const WORLD_BUDGET_BYTES = 96 * 1024 * 1024;

/** The bytes a world of this size holds (an estimate from `WORLD_BYTES`). */
export function worldBytes(size: Pick<ClickstreamConfig, "users" | "products">): number {
  return (
    WORLD_BYTES.fixed + size.users * WORLD_BYTES.perUser + size.products * WORLD_BYTES.perProduct
  );
}

/** "12.3 MB", for messages about world sizes. */
export const formatMegabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
