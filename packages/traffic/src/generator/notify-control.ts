import type { TickResult } from "./tick";

/**
 * An `afterTick` hook: when a tick completed a stream (duration or budget reached), ask the
 * control plane to bring the traffic rule in line (POST /stream/sync). Without a control plane,
 * nothing to do.
 */
export function notifyControl(control: { url: string; apiKey: string | undefined } | null) {
  return async (tick: TickResult): Promise<void> => {
    if (!control || tick.completed.length === 0) return;
    const res = await fetch(new URL("/stream/sync", control.url), {
      method: "POST",
      headers: control.apiKey ? { "x-api-key": control.apiKey } : {},
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok)
      throw new Error(`control plane /stream/sync answered ${res.status}: ${await res.text()}`);
  };
}
