import { PageQuery } from "@gg/core/page";
import type { RuleDescription } from "@gg/core/schedule";
import * as Streams from "@gg/traffic/streams";
import { z } from "@hono/zod-openapi";

/** The EventBridge rule as DescribeRule reports it now (never what we last asked for). */
export const TrafficRule = z
  .object({
    name: z.string(),
    arn: z.string(),
    state: z.enum(["ENABLED", "DISABLED"]),
    schedule_expression: z.string().nullable(),
    targets: z.array(z.object({ id: z.string(), arn: z.string(), input: z.unknown() })),
  })
  .openapi("TrafficRule");
export type TrafficRule = z.infer<typeof TrafficRule>;

/** RuleDescription in the API's snake_case. */
export const ruleView = (rule: RuleDescription | null): TrafficRule | null =>
  rule && {
    name: rule.name,
    arn: rule.arn,
    state: rule.state,
    schedule_expression: rule.scheduleExpression ?? null,
    targets: rule.targets,
  };

// Used as they are: calling .openapi() on them would depend on @hono/zod-openapi having been
// imported before @gg/traffic created them (zod 4 adds the method per instance).
const { Stream, StreamStats } = Streams;
/** Running streams after the request, and the rule: null when no schedule is configured. */
const RuleAfter = { running_streams: z.int(), rule: TrafficRule.nullable() };

export const StreamIdParam = z.object({ stream_id: z.uuid() });
/** A page of streams, newest first; `next_cursor` (null on the last page) asks for the next. */
export const StatusQuery = PageQuery;
/** A page of every stream's figures, or one stream's (`stream_id`, no paging then). */
export const StatsQuery = PageQuery.extend({ stream_id: z.uuid().optional() });
const NextCursor = { next_cursor: z.string().nullable() };

export const StartResult = z
  .object({ stream_id: z.uuid(), status: z.literal("started"), stream: Stream, ...RuleAfter })
  .openapi("StreamStarted");

export const ChangeResult = z
  .object({
    stream_id: z.uuid(),
    status: z.literal("changed"),
    /** The new configuration version (the stream started at 1). */
    version: z.int(),
    changed_at: z.string(),
    /** The first minute that plans with it: the first not yet prepared when it was made. */
    effective_minute: z.string(),
    stream: Stream,
  })
  .openapi("StreamChanged");

export const StopResult = z
  .object({
    stream_id: z.uuid(),
    status: Streams.StreamStatus,
    /** False when the stream had already stopped or completed (stopping is idempotent). */
    stopped_now: z.boolean(),
    stream: Stream,
    /** The stream's final measured figures. */
    stats: StreamStats,
    ...RuleAfter,
  })
  .openapi("StreamStopped");

export const StatusResult = z
  .object({
    streams: z.array(Stream),
    ...NextCursor,
    ...RuleAfter,
    /** Rule ENABLED with our target iff a stream runs; null without a schedule. */
    rule_in_sync: z.boolean().nullable(),
  })
  .openapi("StreamStatusReport");

export const SyncResult = z
  .object({ ...RuleAfter, changes: z.array(z.enum(["PutTargets", "EnableRule", "DisableRule"])) })
  .openapi("StreamRuleSync");

export const StatsResult = z
  .object({ streams: z.array(StreamStats), ...NextCursor })
  .openapi("StreamStatsReport");
