// A worker thread's entry: runs one lane and reports its counters to the parent.
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { isAppError } from "@gg/core/errors";
import { newCounters } from "./lane";
import type { LaneMessage } from "./lane-handle";
import { type LaneSpec, runLaneSpec } from "./lane-spec";

if (isMainThread || !parentPort) throw new Error("lane-worker.ts runs in a worker thread");
const port = parentPort;
const { spec, progressMs } = workerData as { spec: LaneSpec; progressMs: number };
const counters = newCounters();
const abort = new AbortController();
const post = (m: LaneMessage) => port.postMessage(m);

// After "ready" the lane waits for "go": the parent then knows that a lane it has not told to go
// has sent nothing, and may simply terminate it.
let go: () => void = () => {};
const started = new Promise<void>((resolve) => {
  go = resolve;
});
port.on("message", (m) => {
  if (m === "stop") abort.abort();
  go();
});
const timer = setInterval(() => post({ type: "progress", counters }), progressMs);
try {
  const reason = await runLaneSpec(spec, {
    counters,
    signal: abort.signal,
    onReady: () => {
      post({ type: "ready", at: Date.now() });
      return started;
    },
  });
  post({ type: "done", reason, counters });
} catch (e) {
  const error = {
    message: e instanceof Error ? e.message : String(e),
    code: isAppError(e) ? e.code : "INTERNAL",
  };
  post({ type: "failed", error, counters });
} finally {
  clearInterval(timer);
  port.close();
}
