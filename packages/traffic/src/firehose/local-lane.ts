import { newCounters } from "./lane";
import type { LaneHandle } from "./lane-handle";
import { type LaneSpec, runLaneSpec } from "./lane-spec";

/** Runs a lane on the calling thread (no worker; what `threads: 0` uses). */
export function startLocalLane(spec: LaneSpec): LaneHandle {
  const counters = newCounters();
  const abort = new AbortController();
  let markReady: (at: number) => void = () => {};
  const ready = new Promise<number>((resolve) => {
    markReady = resolve;
  });
  const done = runLaneSpec(spec, {
    counters,
    signal: abort.signal,
    onReady: () => markReady(Date.now()),
  });
  return { counters: () => counters, ready, done, stop: () => abort.abort() };
}
