import * as Outbox from "@gg/core/outbox";
import { json, router } from "@gg/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { ApiDeps } from "../deps";
import { probeAll, shared } from "../health/index";

const Dependency = z.object({
  status: z.enum(["healthy", "degraded", "unhealthy", "disabled"]),
  ok: z.boolean(),
  enabled: z.boolean(),
});
const Health = z
  .object({
    status: z.enum(["healthy", "degraded", "unhealthy"]),
    kafka_enabled: z.boolean(),
    kafka_stats: z.object({
      connected: z.boolean(),
      outbox_pending: z.number().int(),
      outbox_oldest_age_seconds: z.number(),
      /** Whether the last publish failed (its text is in the server's log, not here). */
      last_publish_error: z.string().nullable(),
    }),
    dependencies: z.record(z.string(), Dependency),
  })
  .openapi("Health");

/** How long one round of probes answers every /health caller (they are public and may flood). */
const PROBE_CACHE_MS = 2_000;
/** Until then an older round still answers at once while the next runs; past it, callers wait. */
const PROBE_STALE_MS = 6_000;

/**
 * GET /health (liveness: 200 while the process answers, but the body tells the truth about each
 * dependency and the outbox) and GET /health/ready (readiness: 503 when any dependency is down).
 * The probes (a Kafka admin connection, an S3 HeadBucket, a Postgres ping) run at most once per
 * PROBE_CACHE_MS whatever the traffic, and no caller waits on them while a round younger than
 * PROBE_STALE_MS exists; the outbox backlog is read for each answer (one indexed query, shared by
 * callers that arrive together), so it is never stale.
 */
export function healthRoutes(deps: ApiDeps, now: () => number = Date.now) {
  const probes = shared(() => probeAll(deps.probes, deps.log), PROBE_CACHE_MS, {
    staleMs: PROBE_STALE_MS,
    now,
  });
  const backlog = shared(
    () => Outbox.backlog(deps.pool).catch(() => ({ pending: -1, oldestAgeSeconds: -1 })),
    0,
    { now },
  );
  const report = async () => {
    const [probed, outbox] = await Promise.all([probes(), backlog()]);
    // Reachable but refusing publishes (the relay's last attempt failed): degraded, not healthy.
    const dependencies =
      probed.kafka?.ok && deps.relay.lastError
        ? { ...probed, kafka: { ...probed.kafka, status: "degraded" as const } }
        : probed;
    const states = Object.values(dependencies).filter((d) => d.enabled);
    const reachable = states.every((d) => d.ok);
    // Reachable is not enough: an event older than the relay's period means the relay is not
    // getting it out (a broker that refuses writes, a relay that does not run).
    const stale = outbox.oldestAgeSeconds > deps.config.relayPeriodSeconds;
    const status =
      dependencies.postgres?.status === "unhealthy"
        ? ("unhealthy" as const) // nothing can be written
        : states.every((d) => d.status === "healthy") && !stale
          ? ("healthy" as const)
          : ("degraded" as const);
    const kafka = dependencies.kafka;
    const body = {
      status,
      kafka_enabled: kafka?.enabled ?? false,
      kafka_stats: {
        connected: kafka?.ok ?? false,
        outbox_pending: outbox.pending,
        outbox_oldest_age_seconds: outbox.oldestAgeSeconds,
        last_publish_error: deps.relay.lastError
          ? "the last publish failed; events stay in the outbox (details in the server log)"
          : null,
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
          "Liveness, with the state of Postgres, Kafka and S3 (healthy, degraded, unhealthy) and " +
          "the outbox backlog: degraded while a dependency is down or Kafka refuses publishes or " +
          "an event has waited longer than the relay's period, unhealthy while Postgres is down",
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
