// Worker threads do not inherit every runner's TypeScript loader (vitest's, for one), so the
// worker registers tsx itself before importing the TypeScript entry. Under `tsx` it is a no-op
// beyond a second, harmless registration.
import { register } from "tsx/esm/api";

register();
await import("./lane-worker.ts");
