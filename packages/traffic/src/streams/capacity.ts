import { conflict } from "@gg/core/errors";
import type { Queryable } from "@gg/core/sql";
import { CEILING_SOURCES, formatRate, type RateCeilings } from "../rates/index";
import { StartStream } from "./schema";
import { list } from "./store";
import { streamPeakRate } from "./validate";

/**
 * Refuses a start that would take the running streams of its scenario above the ceiling: one
 * generator fires them all in the same minute, so the ceiling bounds their sum of peak rates,
 * not each alone. Run it under `withRuleSync`'s lock, so two starts cannot both squeeze in.
 * Throws CONFLICT (409) naming what runs, what the new stream adds and the ceiling.
 */
export async function checkCapacity(
  db: Queryable,
  input: StartStream,
  ceilings: RateCeilings,
): Promise<void> {
  let used = 0;
  for (const stream of await list(db, "running")) {
    if (stream.scenario !== input.scenario) continue;
    const config = StartStream.safeParse(stream.config);
    if (config.success) used += streamPeakRate(config.data);
  }
  const own = streamPeakRate(input);
  const ceiling = ceilings[input.scenario];
  if (used + own <= ceiling) return;
  throw conflict(
    `rate too high: the running ${input.scenario} streams already fire up to ${formatRate(used)}; ` +
      `with this one (${formatRate(own)}) that is above the ${formatRate(ceiling)} this deployment ` +
      `fires (${CEILING_SOURCES[input.scenario]}): stop one or lower the rate`,
  );
}
