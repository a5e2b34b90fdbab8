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
 * `fn`'s result, shared: every caller while it runs, and those within `ttlMs` after it settled,
 * get the same promise, so a flood of /health calls costs one probe per period, not one each.
 * A run that failed is not kept: the next caller starts another.
 */
export function shared<T>(fn: () => Promise<T>, ttlMs: number, now: () => number = Date.now) {
  let last: { value: Promise<T>; settledAt: number | undefined } | undefined;
  return (): Promise<T> => {
    if (last && (last.settledAt === undefined || now() - last.settledAt < ttlMs)) {
      return last.value;
    }
    const entry: { value: Promise<T>; settledAt: number | undefined } = {
      value: fn(),
      settledAt: undefined,
    };
    last = entry;
    entry.value.then(
      () => {
        entry.settledAt = now();
      },
      () => {
        if (last === entry) last = undefined;
      },
    );
    return entry.value;
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
