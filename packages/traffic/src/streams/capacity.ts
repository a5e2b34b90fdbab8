import { conflict } from "@gg/core/errors";
import { formatRate } from "@gg/core/rate";
import type { Queryable } from "@gg/core/sql";
import { definitionOf, type RateCeilings } from "../scenarios/index";
import { StartStream } from "./schema";
import { running } from "./store";
import { streamPeakRate } from "./validate";

/**
 * Streams of one scenario that may run at once. One generator runs every running stream's minute
 * side by side, each with its own plan (and, for clickstream, its own world), and every tick,
 * capacity check and dashboard poll reads each one's configuration.
 */
export const MAX_RUNNING_STREAMS = 8;

/**
 * Refuses a start that the running streams of its scenario leave no room for, with CONFLICT (409)
 * saying what runs and what to change. Three bounds, each shared by every stream of the scenario
 * because one generator fires them all in the same minute: how many run (`MAX_RUNNING_STREAMS`),
 * the sum of their peak rates (the deployment's ceiling) and, where the scenario's definition
 * bounds it, what they hold together in memory (clickstream: their worlds). Run it under `withRuleSync`'s lock, so two starts cannot
 * both squeeze in. A change of a running stream passes its id as `changing`: it is counted once,
 * at its new configuration.
 */
export async function checkCapacity(
  db: Queryable,
  input: StartStream,
  ceilings: RateCeilings,
  changing?: string,
): Promise<void> {
  const all = await running(db, input.scenario, MAX_RUNNING_STREAMS + 1);
  const streams = all.filter((s) => s.stream_id !== changing);
  if (changing === undefined && streams.length >= MAX_RUNNING_STREAMS) {
    throw conflict(
      `too many streams: ${streams.length} ${input.scenario} streams already run, the most one ` +
        "generator runs at once: stop one first",
    );
  }
  const definition = definitionOf(input.scenario);
  let rate = 0;
  let memory = 0;
  for (const stream of streams) {
    const config = StartStream.safeParse(stream.config);
    if (!config.success) continue;
    rate += streamPeakRate(config.data);
    memory += definition.memory?.bytes(config.data) ?? 0;
  }
  const ownRate = streamPeakRate(input);
  const ceiling = ceilings[input.scenario];
  if (rate + ownRate > ceiling) {
    throw conflict(
      `rate too high: the running ${input.scenario} streams already fire up to ${formatRate(rate)}; ` +
        `with this one (${formatRate(ownRate)}) that is above the ${formatRate(ceiling)} this deployment ` +
        `fires (${definition.ceiling.source}): stop one or lower the rate`,
    );
  }
  if (!definition.memory) return;
  const own = definition.memory.bytes(input);
  if (memory + own > definition.memory.budget)
    throw conflict(definition.memory.refusal(memory, own));
}
