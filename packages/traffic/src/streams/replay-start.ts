import { MINUTE_MS } from "../minute/frame";
import type { StartStream } from "./schema";

/**
 * The configuration with its replay anchored: a `profile.replay` without a `start` begins at the
 * first minute boundary at or after `at` (a stream's start, a change's first minute), stored so
 * that every later minute, replay and backfill indexes the shape from the same minute.
 */
export function anchorReplay(config: StartStream, at: Date): StartStream {
  const replay = config.profile?.replay;
  if (typeof replay !== "object" || replay === null || "start" in replay) return config;
  const start = new Date(Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS).toISOString();
  return { ...config, profile: { ...config.profile, replay: { ...replay, start } } };
}
