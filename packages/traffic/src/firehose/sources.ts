// The record sources, for `loadSources()` in index.ts (loaded on demand: Faker and the worlds).
export { createGourmetGramSource } from "./gourmetgram-source";
export { createSource } from "./lane-spec";
