/**
 * The generator: registers the scenarios, runs every running stream's minute on the scheduled tick,
 * and is built once per process by `functions/generator.ts`, `packages/local` and the CLI.
 */
export { DEFAULT_STREAM_ID, ensureDefaultStream, upsertStream } from "./default-stream";
export { type GeneratorDefaults, generatorSettingsFromEnv } from "./env";
export {
  createGenerator,
  type Generator,
  type GeneratorOverrides,
  type ServeOptions,
  type TickOptions,
} from "./generator";
export { extendLease, takeLease } from "./lease";
export { notifyControl } from "./notify-control";
export {
  KICK_LEAD_MS,
  KICK_SOURCE,
  kickEvent,
  scheduledTrigger,
  type Trigger,
} from "./scheduled-event";
export { PREPARE_LEAD_MS, type ServeInput, serve } from "./serve";
export type { GeneratorSettings } from "./settings";
export {
  type PreparedTick,
  prepareTick,
  runTick,
  type StreamOutcome,
  type TickInput,
  type TickResult,
  wakesOnly,
} from "./tick";
