import { createRandom } from "@gg/core/random";
import {
  applyClickstreamSettings,
  createWorld,
  SessionSource,
  type SessionWithInteractions,
  type TimeFrame,
  type World,
} from "@gg/traffic/clickstream/model";

/** The seed of every clickstream test; set TEST_SEED to replay a failure. */
export const SEED = Number(process.env.TEST_SEED ?? 20261123);
export const NOW = new Date("2026-03-01T12:00:00.000Z");

/** A small world: big enough for the statistics, small enough to build in ~0.2 s. */
export function smallWorld(seed: number | string = SEED, anchor = NOW): World {
  return createWorld({
    seed,
    anchor,
    config: applyClickstreamSettings({ users: 20_000, products: 2_000 }),
  });
}

/** `count` sessions of `world` under `time`, from a labelled random stream. */
export function sessionsOf(
  world: World,
  count: number,
  time: TimeFrame = { now: NOW },
  label = "sessions",
): SessionWithInteractions[] {
  const source = new SessionSource(world, createRandom(world.seed, label), time);
  return Array.from({ length: count }, () => source.next());
}

/** Microseconds since the epoch of a contract timestamp (`...T12:00:00.123456+00:00`). */
export function micros(iso: string): number {
  return Date.parse(`${iso.slice(0, 23)}Z`) * 1000 + Number(iso.slice(23, 26));
}

/** Has at most two decimals (is a whole number of cents). */
export const isCents = (x: number): boolean => Math.round(x * 100) / 100 === x;
