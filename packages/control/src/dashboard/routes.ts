import { Hono } from "hono";
import type { ControlDeps } from "../deps";
import { ruleView } from "../routes/stream-schemas";
import { pack } from "../static/generated/dashboard";
import { assetServer } from "../static/serve";
import { minuteSeries, recentStreams } from "./data";

const HOUR_MS = 3_600_000;
const notFound = { detail: "Not Found" };

/**
 * GET /dashboard and its files: public, since the page holds the login form; every figure it
 * shows comes from /dashboard/data and the stream routes, which need the key.
 */
export function dashboardPageRoutes() {
  const serve = assetServer(pack);
  return new Hono()
    .get("/dashboard", (c) => serve(c, "index.html") ?? c.json(notFound, 404))
    .get("/dashboard/assets/:name", (c) => serve(c, c.req.param("name")) ?? c.json(notFound, 404));
}

/**
 * GET /dashboard/data: everything one refresh of the page shows, in one answer (the page polls
 * it): the streams of the last hour, the rule as EventBridge reports it, and 60 minutes of
 * figures from traffic_minutes. The API's /health (outbox, Kafka) the page reads itself.
 */
export function dashboardDataRoutes(deps: ControlDeps) {
  const { pool, rules, schedule } = deps;
  return new Hono().get("/dashboard/data", async (c) => {
    const now = new Date();
    const [streams, rule] = await Promise.all([
      recentStreams(pool, new Date(now.getTime() - HOUR_MS)),
      rules && schedule ? rules.describe(schedule.ruleName) : null,
    ]);
    const minutes = await minuteSeries(pool, streams, now);
    return c.json({
      now: now.toISOString(),
      schedule: schedule ? { rule: ruleView(rule) } : null,
      running_streams: streams.filter((s) => s.status === "running").length,
      streams,
      minutes,
    });
  });
}
