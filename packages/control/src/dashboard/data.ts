import type { Queryable } from "@gg/core/sql";
import { RateSchedule, rateAt, rateScheduleInputOf } from "@gg/traffic/rates";
import type * as Streams from "@gg/traffic/streams";

const MINUTE_MS = 60_000;

/** A stream as the dashboard lists it: its configuration and how much of its budget is left. */
export interface DashboardStream {
  stream_id: string;
  scenario: string;
  status: string;
  config: Record<string, unknown>;
  started_at: string;
  ends_at: string | null;
  stopped_at: string | null;
  max_count: number | null;
  /** The configuration's version (1 until changed) and when it was last changed. */
  version: number;
  changed_at: string | null;
  sent: number;
  /** max_count − sent; null without a budget. */
  budget_left: number | null;
}

/** One minute over every stream: measured figures (null until a run recorded it), expected. */
export interface DashboardMinute {
  minute: string;
  /** λ·60 summed over the streams active in the minute, from their rate and profile. */
  expected: number;
  /** False while a run of the minute is in flight (its row is claimed, not yet written). */
  finished: boolean;
  planned: number | null;
  sent: number | null;
  succeeded: number | null;
  failed: number | null;
  skipped: number | null;
  /** The worst stream's percentile (percentiles of different streams do not add). */
  lateness_p50_ms: number | null;
  lateness_p99_ms: number | null;
  /**
   * How late the schedule's delivery that prepared the minute came (ms, the latest stream's);
   * null when none did (a generator holding the schedule prepared it, or a backfill).
   */
  trigger_delay_ms: number | null;
  /**
   * The least lead a stream's minute got: its start minus the moment it was ready (ms). Negative:
   * the minute was prepared late and its first events fired late.
   */
  lead_ms: number | null;
  /** Events sent, by kind (GourmetGram actions or clickstream entities). */
  by_kind: Record<string, number>;
}

/** Running streams and those that ended since `since`, newest first (at most 20). */
export async function recentStreams(db: Queryable, since: Date): Promise<DashboardStream[]> {
  const { rows } = await db.query<Omit<DashboardStream, "budget_left">>(
    `SELECT s.id::text AS stream_id, s.scenario, s.status, s.config, gg_iso(s.started_at) AS started_at,
            gg_iso(s.ends_at) AS ends_at, gg_iso(s.stopped_at) AS stopped_at, s.max_count::int AS max_count,
            s.version, gg_iso(s.changed_at) AS changed_at,
            (SELECT coalesce(sum(m.sent), 0)::int FROM traffic_minutes m WHERE m.stream_id = s.id) AS sent
       FROM traffic_streams s
      WHERE s.status = 'running' OR s.stopped_at >= $1
      ORDER BY s.started_at DESC, s.id LIMIT 20`,
    [since],
  );
  return rows.map((s) => ({
    ...s,
    budget_left: s.max_count === null ? null : Math.max(0, s.max_count - s.sent),
  }));
}

interface StreamMinuteRow {
  stream_id: string;
  at: Date;
  planned: number;
  sent: number;
  succeeded: number;
  failed: number;
  skipped: number;
  lateness_p50_ms: number | null;
  lateness_p99_ms: number | null;
  trigger_delay_ms: number | null;
  lead_ms: number | null;
  by_kind: Record<string, { sent?: number }>;
  finished: boolean;
}

/**
 * `count` minutes ending with the one holding `now`, each summed over streams. A stream's rate
 * counts as expected in the minutes it was active, and in those it has a row for (a backfill).
 */
export async function minuteSeries(
  db: Queryable,
  streams: readonly DashboardStream[],
  now: Date,
  count = 60,
): Promise<DashboardMinute[]> {
  const last = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const from = last - (count - 1) * MINUTE_MS;
  const { rows } = await db.query<StreamMinuteRow>(
    `SELECT stream_id::text, minute AS at, planned, sent, succeeded, failed, skipped, lateness_p50_ms,
            lateness_p99_ms, trigger_delay_ms, lead_ms, by_kind, finished_at IS NOT NULL AS finished
       FROM traffic_minutes WHERE minute >= $1`,
    [new Date(from)],
  );
  const schedules = await schedulesOf(db, streams);
  return Array.from({ length: count }, (_, i) => {
    const t = from + i * MINUTE_MS;
    const here = rows.filter((r) => r.at.getTime() === t);
    const done = here.filter((r) => r.finished);
    const ran = new Set(here.map((r) => r.stream_id));
    let expected = 0;
    for (const s of streams) {
      const schedule = schedules.get(s.stream_id)?.find((v) => v.from <= t)?.schedule;
      if (schedule && (ran.has(s.stream_id) || activeIn(s, t))) {
        expected += rateAt(schedule, new Date(t)) * 60;
      }
    }
    const sum = (f: "planned" | "sent" | "succeeded" | "failed" | "skipped") =>
      done.length ? done.reduce((n, r) => n + r[f], 0) : null;
    const values = (f: "lateness_p50_ms" | "lateness_p99_ms" | "lead_ms", rows = done) =>
      rows.map((r) => r[f]).filter((x): x is number => x !== null);
    const worst = (f: "lateness_p50_ms" | "lateness_p99_ms") => {
      const xs = values(f);
      return xs.length ? Math.max(...xs) : null;
    };
    // Known before the minute ends: the delivery's delay when it was claimed, the lead once fired.
    const delays = here.map((r) => r.trigger_delay_ms).filter((x): x is number => x !== null);
    const leads = values("lead_ms", here);
    const by_kind: Record<string, number> = {};
    for (const r of done) {
      for (const [kind, k] of Object.entries(r.by_kind))
        by_kind[kind] = (by_kind[kind] ?? 0) + (k.sent ?? 0);
    }
    return {
      minute: new Date(t).toISOString(),
      expected: Math.round(expected * 100) / 100,
      finished: done.length === here.length,
      planned: sum("planned"),
      sent: sum("sent"),
      succeeded: sum("succeeded"),
      failed: sum("failed"),
      skipped: sum("skipped"),
      lateness_p50_ms: worst("lateness_p50_ms"),
      lateness_p99_ms: worst("lateness_p99_ms"),
      trigger_delay_ms: delays.length ? Math.max(...delays) : null,
      lead_ms: leads.length ? Math.min(...leads) : null,
      by_kind,
    };
  });
}

// A stream counts in a minute it overlaps: started before the minute's end, not ended before
// its start.
function activeIn(s: DashboardStream, t: number): boolean {
  const ended = [s.stopped_at, s.ends_at]
    .filter((x): x is string => x !== null)
    .map((x) => Date.parse(x));
  return Date.parse(s.started_at) < t + MINUTE_MS && ended.every((e) => e > t);
}

/**
 * Each stream's schedules, newest version first, each with its first minute (epoch ms): a minute's
 * expected count is the version in force for it (a changed stream's earlier minutes keep theirs).
 */
async function schedulesOf(db: Queryable, streams: readonly DashboardStream[]) {
  const { rows } = await db.query<{
    stream_id: string;
    config: Record<string, unknown>;
    from: Date;
  }>(
    `SELECT stream_id::text, config, from_minute AS from FROM traffic_stream_versions
      WHERE stream_id = ANY($1::uuid[]) ORDER BY version DESC`,
    [streams.map((s) => s.stream_id)],
  );
  const out = new Map<string, { from: number; schedule: RateSchedule | null }[]>();
  for (const s of streams) {
    const versions = rows.filter((r) => r.stream_id === s.stream_id);
    // Never changed: its one configuration, in force for every minute ('-infinity' reads as -Infinity).
    out.set(
      s.stream_id,
      versions.length === 0
        ? [{ from: Number.NEGATIVE_INFINITY, schedule: scheduleOf(s.config) }]
        : versions.map((v) => ({
            from: v.from instanceof Date ? v.from.getTime() : Number.NEGATIVE_INFINITY,
            schedule: scheduleOf(v.config),
          })),
    );
  }
  return out;
}

function scheduleOf(config: Record<string, unknown>): RateSchedule | null {
  const input = rateScheduleInputOf(config as Pick<Streams.StartStream, "rate" | "profile">);
  const parsed = RateSchedule.safeParse(input);
  return parsed.success ? parsed.data : null;
}
