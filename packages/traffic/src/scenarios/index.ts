/**
 * The scenarios this generator knows, each declared once by its definition: the stream schema's
 * scenario names and `settings`, the admission checks and the rate ceilings are derived from this
 * list. Each scenario's plug-in for the minute engine is its own face (`gourmetgram/`,
 * `clickstream/`), built by the generator with its dependencies.
 */
import { type Env, rate } from "@gg/core/env";
import { z } from "zod";
import { PROCESS_MAX_RATE } from "../rates/index";
import { clickstreamDefinition } from "./clickstream/definition";
import type { ScenarioDefinition } from "./definition";
import { gourmetgramDefinition } from "./gourmetgram/definition";

/** Every scenario; the first is the default of a request that names none and implies none. */
export const SCENARIOS = [gourmetgramDefinition, clickstreamDefinition] as const;

export type ScenarioName = (typeof SCENARIOS)[number]["name"];
export const ScenarioName = z.enum(
  SCENARIOS.map((d) => d.name) as [ScenarioName, ...ScenarioName[]],
);

/** The definition of `name`. */
export function definitionOf(name: ScenarioName): ScenarioDefinition<ScenarioName> {
  return SCENARIOS.find((d) => d.name === name) as ScenarioDefinition<ScenarioName>;
}

/**
 * What the deployment is sized to fire, per scenario (events/second): the one place that says it.
 * The control plane admits a stream only while the running streams of its scenario stay under it
 * (`validateStart`, `checkCapacity`); the generator refuses a minute drawn above it
 * (`minuteCeiling`), which only a stream stored before a lower ceiling, or written past the control
 * plane, can reach. Deployables read it once (each definition's `ceiling.variable`; deployed,
 * GourmetGram's is the stage's `Resource.Capacity.eventsPerSecond`) and pass it down.
 */
export const RateCeilings = z.object(
  Object.fromEntries(
    SCENARIOS.map((d) => [d.name, z.number().positive().max(PROCESS_MAX_RATE)]),
  ) as Record<ScenarioName, z.ZodNumber>,
);
export type RateCeilings = z.infer<typeof RateCeilings>;

/** Each scenario's default ceiling (its definition's). */
export const DEFAULT_RATE_CEILINGS = Object.fromEntries(
  SCENARIOS.map((d) => [d.name, d.ceiling.perSecond]),
) as RateCeilings;

/**
 * Ceilings from each definition's variable (`GENERATOR_MAX_RATE`, `CLICKSTREAM_MAX_RATE`), written
 * like `GENERATOR_ARRIVAL_RATE`; none may pass what one generator process fires.
 */
export function rateCeilingsFromEnv(env: Env): RateCeilings {
  return Object.fromEntries(
    SCENARIOS.map((d) => [
      d.name,
      rate(env, d.ceiling.variable, {
        max: PROCESS_MAX_RATE,
        maxIs: "one generator process fires",
      }) ?? d.ceiling.perSecond,
    ]),
  ) as RateCeilings;
}
export type { ScenarioDefinition } from "./definition";
