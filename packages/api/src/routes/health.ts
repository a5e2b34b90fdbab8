import * as Outbox from "@gg/core/outbox";
import { json, router } from "@gg/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { ApiDeps, Probe } from "../deps";

const Dependency = z.object({
  ok: z.boolean(),
  enabled: z.boolean(),
  error: z.string().optional(),
});
const Health = z
  .object({
    status: z.enum(["healthy", "degraded"]),
    kafka_enabled: z.boolean(),
    kafka_stats: z.object({
      connected: z.boolean(),
      outbox_pending: z.number().int(),
      outbox_oldest_age_seconds: z.number(),
      last_publish_error: z.string().nullable(),
    }),
    dependencies: z.record(z.string(), Dependency),
  })
  .openapi("Health");

const PROBE_TIMEOUT_MS = 2_000;

/**
 * GET /health (liveness: 200 while the process answers, but the body tells the truth about each
 * dependency and the outbox) and GET /health/ready (readiness: 503 when any dependency is down).
 */
export function healthRoutes(deps: ApiDeps) {
  const report = async () => {
    const results = await Promise.all(deps.probes.map((p) => runProbe(p)));
    const dependencies = Object.fromEntries(results.map((r) => [r.name, r.result]));
    const backlog = await Outbox.backlog(deps.pool).catch(() => ({
      pending: -1,
      oldestAgeSeconds: -1,
    }));
    const kafka = dependencies.kafka;
    const reachable = results.every((r) => r.result.ok || !r.result.enabled);
    // Reachable is not enough: an event older than the relay's period means the relay is not
    // getting it out (a broker that refuses writes, a relay that does not run).
    const stale = backlog.oldestAgeSeconds > deps.config.relayPeriodSeconds;
    const healthy = reachable && !stale;
    const body = {
      status: healthy ? ("healthy" as const) : ("degraded" as const),
      kafka_enabled: kafka?.enabled ?? false,
      kafka_stats: {
        connected: kafka?.ok ?? false,
        outbox_pending: backlog.pending,
        outbox_oldest_age_seconds: backlog.oldestAgeSeconds,
        last_publish_error: deps.relay.lastError ?? null,
      },
      dependencies,
    };
    return { body, reachable };
  };
  return router()
    .openapi(
      createRoute({
        method: "get",
        path: "/health",
        summary:
          "Liveness, with the real state of Postgres, Kafka and S3 and the outbox backlog: " +
          "degraded while a dependency is down or an event has waited longer than the relay's period",
        responses: { 200: json(Health, "Always 200 while the API runs") },
      }),
      async (c) => c.json((await report()).body, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/health/ready",
        summary: "Readiness: 503 when a dependency is down (an old outbox backlog alone is not)",
        responses: { 200: json(Health, "Ready"), 503: json(Health, "A dependency is down") },
      }),
      async (c) => {
        const { body, reachable } = await report();
        return reachable ? c.json(body, 200) : c.json(body, 503);
      },
    );
}

async function runProbe(probe: Probe) {
  if (!probe.enabled) return { name: probe.name, result: { ok: false, enabled: false } };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([probe.check(), timeout]);
    return { name: probe.name, result: { ok: true, enabled: true } };
  } catch (e) {
    return {
      name: probe.name,
      result: { ok: false, enabled: true, error: e instanceof Error ? e.message : String(e) },
    };
  } finally {
    clearTimeout(timer);
  }
}
