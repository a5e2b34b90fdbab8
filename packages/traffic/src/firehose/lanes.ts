import type { LaneConfig } from "./lane";
import type { FirehoseOptions } from "./options";

/** Splits the run's count and rate evenly over `lanes` (the first lanes take the remainder). */
export function splitLanes(options: FirehoseOptions, lanes: number): LaneConfig[] {
  const { count, rate } = options;
  const configs: LaneConfig[] = [];
  for (let i = 0; i < lanes; i++) {
    const share =
      count === undefined ? undefined : Math.floor(count / lanes) + (i < count % lanes ? 1 : 0);
    if (share === 0) continue;
    configs.push({
      rate: rate === "max" ? "max" : rate / lanes,
      count: share,
      durationMs: options.durationSec === undefined ? undefined : options.durationSec * 1_000,
      batchSize: options.batchSize,
      lingerMs: options.lingerMs,
      maxInFlight: options.maxInFlight,
    });
  }
  return configs;
}
