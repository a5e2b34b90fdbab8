import { readFileSync } from "node:fs";
import { invalidInput } from "@gg/core/errors";
import { parseShapeCsv } from "../../rates/index";

/** The flags that turn a `minute,count` CSV into a replay profile. */
export interface ReplayFlags {
  replay?: string;
  loop?: boolean;
  scale?: string;
  exact?: boolean;
}

/**
 * `profile` with `replay` from `--replay shape.csv` (and `--loop`, `--scale`, `--exact`), its
 * minute 0 at `start` (the first minute run or backfilled): the CSV's own times only order its
 * rows. Unchanged without `--replay`; the replay is checked with the stream as a start is.
 */
export function withReplay(
  profile: Record<string, unknown> | undefined,
  flags: ReplayFlags,
  start: Date,
): Record<string, unknown> | undefined {
  if (flags.replay === undefined) {
    if (flags.loop || flags.exact || flags.scale !== undefined) {
      throw invalidInput("--loop, --scale and --exact go with --replay shape.csv");
    }
    return profile;
  }
  let text: string;
  try {
    text = readFileSync(flags.replay, "utf8");
  } catch (e) {
    throw invalidInput(`--replay: cannot read ${flags.replay}: ${(e as Error).message}`);
  }
  const { counts } = parseShapeCsv(text);
  const scale = flags.scale === undefined ? 1 : Number(flags.scale);
  return {
    ...profile,
    replay: {
      counts,
      loop: flags.loop ?? false,
      scale,
      exact: flags.exact ?? false,
      start: start.toISOString(),
    },
  };
}
