import type { Logger } from "@gg/http";
import type { Probe } from "../deps";

const PROBE_TIMEOUT_MS = 2_000;

/**
 * A dependency as the public /health tells it: a state, never the error's text. A probe says
 * healthy or unhealthy; the route makes Kafka degraded while it answers but refuses publishes.
 */
export interface DependencyState {
  status: "healthy" | "degraded" | "unhealthy" | "disabled";
  /** Reachable (kept from the first shape of /health, which clients read). */
  ok: boolean;
  enabled: boolean;
}

/**
 * `fn`'s result, shared, so a flood of /health calls costs one run per period, not one each:
 * - every caller while a run is in flight gets that run;
 * - within `ttlMs` of the last good run, callers get its result as it is;
 * - up to `staleMs`, they get it at once while a new run starts beside them (no caller waits on a
 *   slow probe while a recent answer exists);
 * - past `staleMs` (or with no good run yet), they wait for a new run.
 * A run that failed is not kept: the next caller starts another.
 */
export function shared<T>(
  fn: () => Promise<T>,
  ttlMs: number,
  options: { staleMs?: number; now?: () => number } = {},
) {
  const now = options.now ?? Date.now;
  const staleMs = Math.max(ttlMs, options.staleMs ?? ttlMs);
  let good: { value: Promise<T>; at: number } | undefined;
  let running: Promise<T> | undefined;
  const refresh = () => {
    if (running) return running;
    const run = fn();
    running = run;
    run
      .then(() => {
        good = { value: run, at: now() };
      })
      .catch(() => {})
      .finally(() => {
        if (running === run) running = undefined;
      });
    return run;
  };
  return (): Promise<T> => {
    const age = good ? now() - good.at : Number.POSITIVE_INFINITY;
    if (good && age < ttlMs) return good.value;
    if (good && age < staleMs) {
      void refresh();
      return good.value;
    }
    return refresh();
  };
}

/**
 * Runs every probe (each within PROBE_TIMEOUT_MS) and states each dependency. A failure's text
 * (hosts, users, the driver's words) goes to the log, never into the answer: /health is public.
 */
export async function probeAll(
  probes: readonly Probe[],
  log: Logger,
): Promise<Record<string, DependencyState>> {
  const states = await Promise.all(
    probes.map(async (probe): Promise<[string, DependencyState]> => {
      if (!probe.enabled) return [probe.name, { status: "disabled", ok: false, enabled: false }];
      try {
        await withTimeout(probe.check());
        return [probe.name, { status: "healthy", ok: true, enabled: true }];
      } catch (e) {
        log.error("health probe failed", {
          dependency: probe.name,
          error: e instanceof Error ? e.message : String(e),
        });
        return [probe.name, { status: "unhealthy", ok: false, enabled: true }];
      }
    }),
  );
  return Object.fromEntries(states);
}

async function withTimeout(check: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
