import {
  applyClickstreamSettings,
  type ClickstreamConfig,
  type ClickstreamSettings,
  createWorld,
  DEFAULT_CLICKSTREAM_CONFIG,
  WORLD_BUDGET_BYTES,
  type World,
  worldBytes,
} from "./model/index";

/** Worlds by (seed, anchor, settings), least recently used evicted first. */
export interface WorldCache {
  /**
   * The world for `seed` anchored at `anchor`, built on first use from the cache's config with
   * `settings` (a stream's or a request's own) applied.
   */
  get(seed: string | number, anchor: Date, settings?: ClickstreamSettings): World;
  readonly size: number;
  /** What the cached worlds hold, by `worldBytes`. */
  readonly bytes: number;
}

/**
 * A bounded cache of worlds. A world is the expensive, fixed part of the scenario (users and
 * products), so requests and stream minutes with the same seed and anchor share one. It holds at
 * most `max` worlds and `maxBytes` of them (default the generator's `WORLD_BUDGET_BYTES`), so a
 * process with many seeds does not grow (the original cached without limit). The world just built
 * always stays, whatever its size: its caller is about to use it.
 */
export function createWorldCache(
  options: { max?: number; maxBytes?: number; config?: ClickstreamConfig } = {},
): WorldCache {
  const max = options.max ?? 4;
  const maxBytes = options.maxBytes ?? WORLD_BUDGET_BYTES;
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError("world cache size must be >= 1");
  const worlds = new Map<string, { world: World; bytes: number }>();
  const base = options.config ?? DEFAULT_CLICKSTREAM_CONFIG;
  let bytes = 0;
  const evict = (key: string) => {
    bytes -= worlds.get(key)?.bytes ?? 0;
    worlds.delete(key);
  };
  return {
    get(seed, anchor, settings) {
      // String(seed): the world itself does not tell 42 from "42" either. Settings parsed from
      // JSON serialise the same way each time, so equal settings share a world.
      const key = `${String(seed)}@${anchor.getTime()}@${settings ? JSON.stringify(settings) : ""}`;
      const hit = worlds.get(key);
      if (hit) {
        // Map keeps insertion order: re-inserting marks it most recently used.
        worlds.delete(key);
        worlds.set(key, hit);
        return hit.world;
      }
      const config = settings ? applyClickstreamSettings(settings, base) : base;
      const world = createWorld({ seed, anchor, config });
      const entry = { world, bytes: worldBytes(config) };
      worlds.set(key, entry);
      bytes += entry.bytes;
      for (const oldest of worlds.keys()) {
        if (oldest === key || (worlds.size <= max && bytes <= maxBytes)) break;
        evict(oldest);
      }
      return world;
    },
    get size() {
      return worlds.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
