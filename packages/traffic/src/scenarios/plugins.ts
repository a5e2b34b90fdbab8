/**
 * Every scenario's plug-in for the minute engine, wired once per generator process: the
 * generator runs what this registry holds and knows no scenario itself. (The definitions in
 * index.ts are the light, static half; these bring the planners, clients and generators.)
 */
import type { ScenarioRegistry } from "../minute/index";
import { type ClickstreamDelivery, clickstreamPlugin } from "./clickstream/plugin";
import { type GourmetGramPluginSettings, gourmetgramPlugin } from "./gourmetgram/plugin";
import type { ApiTarget } from "./gourmetgram/target";

export type { ApiTarget, ClickstreamDelivery };

/** What the plug-ins are built from: the generator's settings. */
export interface PluginSettings extends GourmetGramPluginSettings {
  /** Kafka for clickstream streams; null: those streams fail "not wired". */
  clickstream: ClickstreamDelivery | null;
}

/** The scenarios of one generator process and what the process does with them as a whole. */
export interface ScenarioPlugins {
  registry: ScenarioRegistry;
  /** Runs the firing path once on synthetic traffic (a cold shard, before its first minute). */
  warmUp(): Promise<void>;
  /** Creates the initial users and images (GENERATOR_INITIAL_*) through the API. */
  bootstrap: ReturnType<typeof gourmetgramPlugin>["bootstrap"];
  close(): Promise<void>;
}

/**
 * GourmetGram over HTTP always (at `target` when given: a test's in-process app), clickstream to
 * Kafka when Kafka is set; `replace` adds or replaces plug-ins (a test's clickstream on its own
 * producer).
 */
export function createScenarioPlugins(
  settings: PluginSettings,
  overrides: { target?: ApiTarget; replace?: ScenarioRegistry } = {},
): ScenarioPlugins {
  const gourmetgram = gourmetgramPlugin(settings, overrides.target);
  const registry: ScenarioRegistry = {
    gourmetgram: gourmetgram.scenario,
    ...(settings.clickstream
      ? { clickstream: clickstreamPlugin(settings.clickstream, settings.rateCeilings) }
      : {}),
    ...overrides.replace,
  };
  return {
    registry,
    warmUp: gourmetgram.warmUp,
    bootstrap: gourmetgram.bootstrap,
    async close() {
      await Promise.all(Object.values(registry).map((s) => s?.close?.().catch(() => {})));
      await gourmetgram.close();
    },
  };
}
