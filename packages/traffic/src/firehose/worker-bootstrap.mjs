// A firehose worker's entry (worker-protocol.ts starts it): worker threads do not inherit every
// runner's TypeScript loader (vitest's, for one), so it registers tsx itself, then imports the
// lane's or the sender's TypeScript entry. Under `tsx` the registration is a harmless second one.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData?.entry === "sender" ? "./sender-worker.ts" : "./lane-worker.ts");
