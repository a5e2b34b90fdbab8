import {
  applyClickstreamSettings,
  type ClickstreamConfig,
  type ClickstreamSettings,
  createWorld,
  DEFAULT_CLICKSTREAM_CONFIG,
  type World,
} from "../../clickstream/index";

/** Worlds by (seed, anchor, settings), least recently used evicted first. */
export interface WorldCache {
  /**
   * The world for `seed` anchored at `anchor`, built on first use (~0.6 s, ~10 MB each) from the
   * cache's config with `settings` (a stream's or a request's own) applied.
   */
  get(seed: string | number, anchor: Date, settings?: ClickstreamSettings): World;
  readonly size: number;
}

/**
 * A bounded cache of worlds. A world is the expensive, fixed part of the scenario (users and
 * products), so requests and stream minutes with the same seed and anchor share one; the bound
 * keeps a process with many seeds from growing (the original cached without limit).
 */
export function createWorldCache(
  options: { max?: number; config?: ClickstreamConfig } = {},
): WorldCache {
  const max = options.max ?? 4;
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError("world cache size must be >= 1");
  const worlds = new Map<string, World>();
  const base = options.config ?? DEFAULT_CLICKSTREAM_CONFIG;
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
        return hit;
      }
      const config = settings ? applyClickstreamSettings(settings, base) : base;
      const world = createWorld({ seed, anchor, config });
      worlds.set(key, world);
      if (worlds.size > max) worlds.delete(worlds.keys().next().value as string);
      return world;
    },
    get size() {
      return worlds.size;
    },
  };
}
