// Worker threads do not inherit every runner's TypeScript loader (vitest's, for one), so the
// worker registers tsx itself before importing the TypeScript entry (a lane's generator, or the
// sender that runs the Kafka client). Under `tsx` it is a no-op beyond a second, harmless
// registration.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData?.entry === "sender" ? "./sender-worker.ts" : "./lane-worker.ts");
