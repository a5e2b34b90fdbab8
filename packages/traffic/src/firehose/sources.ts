// The record sources, for `loadSources()` in index.ts (loaded on demand: Faker and the worlds).
export { createGourmetGramSource } from "../scenarios/gourmetgram/firehose-source";
export { createSource } from "./lane-spec";
