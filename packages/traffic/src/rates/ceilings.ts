import { invalidInput } from "@gg/core/errors";
import { formatRate, parseRate } from "@gg/core/rate";
import { z } from "zod";

/**
 * The most events per second one generator process fires in one stream's minute: 20,000, twice
 * what the bench sustains on one core. Above it a minute would only pile up late events and hold
 * the event loop from the other streams. No deployment's ceiling may be above it.
 */
export const PROCESS_MAX_RATE = 20_000;

/**
 * What the deployment is sized to fire, per scenario (events/second): the one place that says it.
 * The control plane admits a stream only while the running streams of its scenario stay under it
 * (`validateStart`, `checkCapacity`); the generator refuses a minute drawn above it
 * (`minuteCeiling`), which only a stream stored before a lower ceiling, or written past the control
 * plane, can reach. Deployables read it once (`GENERATOR_MAX_RATE`, `CLICKSTREAM_MAX_RATE`; deployed,
 * GourmetGram's is the stage's `Resource.Capacity.eventsPerSecond`) and pass it down.
 */
export const RateCeilings = z.object({
  gourmetgram: z.number().positive().max(PROCESS_MAX_RATE),
  clickstream: z.number().positive().max(PROCESS_MAX_RATE),
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

/** Where an operator changes a ceiling, for the messages that refuse a stream. */
export const CEILING_SOURCES: Record<keyof RateCeilings, string> = {
  gourmetgram: "GENERATOR_MAX_RATE; deployed, the stage's capacity in infra/stage.ts",
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
    if (perSecond > PROCESS_MAX_RATE) {
      throw invalidInput(
        `${name}: ${formatRate(perSecond)} is above the ${formatRate(PROCESS_MAX_RATE)} one generator process fires`,
      );
    }
    return perSecond;
  };
  return { gourmetgram: read("gourmetgram"), clickstream: read("clickstream") };
}

/**
 * The most events a minute of a stream firing at most `perSecond` may draw: λ = 60·perSecond plus
 * seven standard deviations of its Poisson count (λ + 7√λ), so a stream admitted at the ceiling
 * never trips it (p < 10⁻¹¹ a minute) while a rate far above it fails before anything is drawn.
 */
export function minuteCeiling(perSecond: number): number {
  const lambda = perSecond * 60;
  return Math.ceil(lambda + 7 * Math.sqrt(lambda));
}
