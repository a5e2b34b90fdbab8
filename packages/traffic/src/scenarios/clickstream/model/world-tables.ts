import type { Alias } from "@gg/core/random";
import type { ClickstreamConfig } from "./clickstream-config";
import type { Pools } from "./pools";

// The world's shape apart from its building (world.ts): users.ts and products.ts read a built
// world, and world.ts builds it with their draws.

/** Weighted draws shared by every user. */
export interface WorldDraws {
  readonly segment: Alias;
  readonly device: Alias;
  readonly browser: Alias;
}

/** The population, as parallel typed arrays indexed by user index. */
export interface UserTable {
  readonly ids: readonly string[];
  readonly segment: Uint8Array;
  /** Up to 4 preferred category indices per user, at `4 * user`. */
  readonly prefs: Uint8Array;
  readonly prefCount: Uint8Array;
  readonly device: Uint8Array;
  readonly browser: Uint8Array;
  readonly place: Uint16Array;
  /** User indices per segment, and the segment a new session belongs to (share × activity). */
  readonly bySegment: readonly Uint32Array[];
  readonly sessionSegment: Alias;
}

/** The catalogue, indexed by product index (= popularity rank). */
export interface ProductTable {
  readonly ids: readonly string[];
  readonly category: Uint8Array;
  readonly priceCents: Int32Array;
  /** Page paths, built once: `/products/<category>/<id>`. */
  readonly paths: readonly string[];
  readonly alias: Alias;
  /** Product indices per category, with an alias over their popularity (null if empty). */
  readonly byCategory: readonly Uint32Array[];
  readonly categoryAlias: readonly (Alias | null)[];
}

/**
 * Everything fixed for a run: the config, Faker pools, users and products. Built once, sized by
 * the config, and never grown, so memory is flat however many events are drawn from it.
 */
export interface World {
  readonly seed: string;
  readonly config: ClickstreamConfig;
  /** Users registered and were last active before this instant (epoch microseconds). */
  readonly anchorMicros: number;
  readonly pools: Pools;
  readonly draws: WorldDraws;
  readonly users: UserTable;
  readonly products: ProductTable;
}
