import type { RuleDescription } from "@gg/core/schedule";
import { errors, json, router } from "@gg/http";
import { kickEvent } from "@gg/traffic/generator";
import * as Streams from "@gg/traffic/streams";
import { createRoute } from "@hono/zod-openapi";
import type { ControlDeps, TrafficSchedule } from "../deps";
import {
  ChangeResult,
  ruleView,
  StartResult,
  StatsQuery,
  StatsResult,
  StatusQuery,
  StatusResult,
  StopResult,
  StreamIdParam,
  SyncResult,
} from "./stream-schemas";

const patchRoute = createRoute({
  method: "patch",
  path: "/stream/{stream_id}",
  summary: "Change a running stream (rate, profile, mix, mode, viral, settings, budget, end)",
  description:
    "Each key given replaces the stream's (null clears `max_count`, `duration`, `ends_at`); " +
    "the result is checked exactly as `/stream/start` checks a body (a located 422, the " +
    "deployment's ceiling) and against the other running streams at its new rate (409). The " +
    "change is a new version of the configuration, used from the first minute not yet " +
    "prepared (`effective_minute`); earlier minutes, replayed or backfilled, keep theirs. A " +
    "stopped or completed stream is a 409.",
  request: {
    params: StreamIdParam,
    body: {
      content: {
        "application/json": {
          schema: Streams.PatchStream,
          example: { rate: "20/s", mix: "view=80,comment=15,flag=5" },
        },
      },
      required: true,
    },
  },
  responses: {
    200: json(ChangeResult, "The changed stream and the minute the change takes effect"),
    ...errors(401, 404, 409, 503),
  },
});

/**
 * /stream/start, PATCH /stream/{id}, /stream/stop/{id}, /stream/status, /stream/stats. Starting
 * and stopping change the streams and the rule together (see Streams.withRuleSync): the rule runs
 * iff a stream does.
 */
export function streamRoutes(deps: ControlDeps) {
  const { pool, rules, schedule, rateCeilings } = deps;
  const r = router();
  r.openAPIRegistry.registerPath(patchRoute);
  return (
    r
      .openapi(
        createRoute({
          method: "post",
          path: "/stream/start",
          summary: "Start a stream of background traffic (several may run at once)",
          description:
            "`rate` as a number is events per second; strings carry their unit (`150/h`). The " +
            "configuration is checked as the generator will read it: a bad one, or one above the " +
            "deployment's rate ceiling, is a 422 here; a stream that would take the running streams " +
            "of its scenario above the ceiling together is a 409. `settings` takes the scenario's " +
            "own settings.",
          request: {
            body: {
              content: { "application/json": { schema: Streams.StartStream } },
              required: true,
            },
          },
          responses: {
            200: json(StartResult, "The started stream"),
            ...errors(401, 409, 503),
          },
        }),
        async (c) => {
          const input = c.req.valid("json");
          Streams.validateStart(input, rateCeilings);
          const { result: stream, sync } = await Streams.withRuleSync(
            pool,
            rules,
            schedule,
            async (tx) => {
              // Under the rule lock: the running streams' sum, not each alone, must fit.
              await Streams.checkCapacity(tx, input, rateCeilings);
              return Streams.create(tx, input);
            },
          );
          const after = { running_streams: sync.running, rule: ruleView(sync.rule) };
          // The rule was off until now: its first delivery comes a minute or two late, so the
          // generator is sent one at once. Without it the stream still starts, a minute later.
          if (sync.changes.includes("EnableRule") && deps.kick) {
            const event = kickEvent(new Date());
            await deps
              .kick(event)
              .catch((e: unknown) =>
                deps.log.error("generator kick", { error: String(e), minute: event.minute }),
              );
          }
          return c.json(
            { stream_id: stream.stream_id, status: "started" as const, stream, ...after },
            200,
          );
        },
      )
      // Routed only for ids of hex digits and dashes, so a PATCH of /stream/start, /stream/status
      // and the other fixed paths is that path's 405, not a 422 about a stream id.
      .openapi(
        { ...patchRoute, path: "/stream/{stream_id{[0-9a-fA-F-]+}}", hide: true },
        async (c) => {
          const { stream_id } = c.req.valid("param");
          const patch = c.req.valid("json");
          const { result } = await Streams.withRuleSync(pool, null, null, (tx) =>
            // Under the rule lock, as a start: the running streams' sum must fit at the new rate.
            Streams.change(tx, stream_id, patch, rateCeilings),
          );
          return c.json({ stream_id, status: "changed" as const, ...result }, 200);
        },
      )
      .openapi(
        createRoute({
          method: "post",
          path: "/stream/stop/{stream_id}",
          summary: "Stop a stream; answers its final measured figures",
          request: { params: StreamIdParam },
          responses: { 200: json(StopResult, "The stopped stream"), ...errors(401, 404, 503) },
        }),
        async (c) => {
          const { stream_id } = c.req.valid("param");
          const { result, sync } = await Streams.withRuleSync(pool, rules, schedule, async (tx) => {
            const before = await Streams.get(tx, stream_id);
            return { before, stream: await Streams.stop(tx, stream_id) };
          });
          const [stats] = await Streams.stats(pool, stream_id);
          if (!stats) throw new Error(`stats of stream ${stream_id} vanished`);
          return c.json(
            {
              stream_id,
              status: result.stream.status,
              stopped_now: result.before.status === "running",
              stream: result.stream,
              stats,
              running_streams: sync.running,
              rule: ruleView(sync.rule),
            },
            200,
          );
        },
      )
      .openapi(
        createRoute({
          method: "get",
          path: "/stream/status",
          summary:
            "A page of streams, newest first (`limit`, `cursor`), and the schedule rule's real state",
          request: { query: StatusQuery },
          responses: { 200: json(StatusResult, "Streams and rule"), ...errors(401, 503) },
        }),
        async (c) => {
          const [page, running, rule] = await Promise.all([
            Streams.page(pool, c.req.valid("query")),
            Streams.countRunning(pool),
            rules && schedule ? rules.describe(schedule.ruleName) : null,
          ]);
          const inSync = schedule && rules ? agrees(rule, schedule, running) : null;
          return c.json(
            {
              streams: page.items,
              next_cursor: page.nextCursor,
              running_streams: running,
              rule: ruleView(rule),
              rule_in_sync: inSync,
            },
            200,
          );
        },
      )
      .openapi(
        createRoute({
          method: "post",
          path: "/stream/sync",
          summary:
            "Bring the rule in line with the streams (the generator calls it after completing one)",
          responses: { 200: json(SyncResult, "What changed"), ...errors(401, 503) },
        }),
        async (c) => {
          const sync = await Streams.syncRule(pool, rules, schedule);
          return c.json(
            { running_streams: sync.running, changes: sync.changes, rule: ruleView(sync.rule) },
            200,
          );
        },
      )
      .openapi(
        createRoute({
          method: "get",
          path: "/stream/stats",
          summary:
            "Measured per-stream figures (planned, sent, failed, lateness), a page at a time, newest first",
          request: { query: StatsQuery },
          responses: { 200: json(StatsResult, "Measured figures"), ...errors(401, 404, 503) },
        }),
        async (c) => {
          const { stream_id, ...query } = c.req.valid("query");
          if (stream_id) {
            await Streams.get(pool, stream_id); // 404 for an unknown id
            return c.json(
              { streams: await Streams.stats(pool, stream_id), next_cursor: null },
              200,
            );
          }
          const page = await Streams.statsPage(pool, query);
          return c.json({ streams: page.items, next_cursor: page.nextCursor }, 200);
        },
      )
  );
}

/** The rule is as the streams want it: ENABLED with our target while one runs, else DISABLED. */
function agrees(rule: RuleDescription | null, schedule: TrafficSchedule, running: number) {
  if (!rule) return false;
  if (running === 0) return rule.state === "DISABLED";
  const targeted = rule.targets.some(
    (t) => t.id === schedule.targetId && t.arn === schedule.targetArn,
  );
  return rule.state === "ENABLED" && targeted;
}
