import { invalidInput } from "@gg/core/errors";
import { z } from "zod";
import { parseRate } from "./parse-rate";

/**
 * The highest rate (events/second) one stream of each scenario may ask for: what the deployment
 * is sized to fire. A deployable reads it from its environment (`GENERATOR_MAX_RATE`,
 * `CLICKSTREAM_MAX_RATE`) and passes it to `validateStart`; nothing below reads a default.
 */
export const RateCeilings = z.object({
  gourmetgram: z.number().positive(),
  clickstream: z.number().positive(),
});
export type RateCeilings = z.infer<typeof RateCeilings>;

/**
 * One generator process fires GourmetGram events (HTTP requests to the API) on time up to about
 * 2,000/s; clickstream minutes go straight to Kafka in batches (kafkajs tops out near 40,000
 * acked messages/s on a core here), so half of that leaves room for the other streams.
 */
export const DEFAULT_RATE_CEILINGS: RateCeilings = { gourmetgram: 2_000, clickstream: 20_000 };

/** The env names of the ceilings, for messages that tell an operator what to change. */
export const CEILING_VARIABLES: Record<keyof RateCeilings, string> = {
  gourmetgram: "GENERATOR_MAX_RATE",
  clickstream: "CLICKSTREAM_MAX_RATE",
};

/**
 * Ceilings from `GENERATOR_MAX_RATE` and `CLICKSTREAM_MAX_RATE`, written like
 * `GENERATOR_ARRIVAL_RATE` (`2000/s`, `120000/min`; a bare number is per hour). INVALID_INPUT
 * naming the variable when one is not a positive rate.
 */
export function rateCeilingsFromEnv(env: Record<string, string | undefined>): RateCeilings {
  const read = (scenario: keyof RateCeilings) => {
    const name = CEILING_VARIABLES[scenario];
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return DEFAULT_RATE_CEILINGS[scenario];
    let perSecond: number;
    try {
      perSecond = parseRate(raw);
    } catch (e) {
      throw invalidInput(`${name}: ${(e as Error).message}`);
    }
    if (!(perSecond > 0)) throw invalidInput(`${name}: must be a positive rate, got ${raw}`);
    return perSecond;
  };
  return { gourmetgram: read("gourmetgram"), clickstream: read("clickstream") };
}

/** "2,000 events/s" (or per minute/hour when that reads better). */
export function formatRate(perSecond: number): string {
  const n = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 6 });
  if (perSecond >= 1) return `${n(perSecond)} events/s`;
  if (perSecond * 60 >= 1) return `${n(perSecond * 60)} events/min`;
  return `${n(perSecond * 3600)} events/h`;
}
