/**
 * The generator: registers the scenarios, runs every running stream's minute on the scheduled tick,
 * and is built once per process by `functions/generator.ts`, `packages/local` and the CLI.
 */
export { DEFAULT_STREAM_ID, ensureDefaultStream, upsertStream } from "./default-stream";
export {
  createGenerator,
  type Generator,
  type GeneratorOverrides,
  type TickOptions,
} from "./generator";
export { notifyControl } from "./notify-control";
export { scheduledMinute } from "./scheduled-event";
export {
  type ClickstreamSettings,
  type GeneratorSettings,
  generatorSettingsFromEnv,
} from "./settings";
export { runTick, type StreamOutcome, type TickInput, type TickResult } from "./tick";
