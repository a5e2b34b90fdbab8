import type { Queryable } from "@gg/core/sql";
import { RateSchedule, rateAt } from "@gg/traffic/rates";
import * as Streams from "@gg/traffic/streams";

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
  /** Events sent, by kind (GourmetGram actions or clickstream entities). */
  by_kind: Record<string, number>;
}

/** Running streams and those that ended since `since`, newest first (at most 20). */
export async function recentStreams(db: Queryable, since: Date): Promise<DashboardStream[]> {
  const { rows } = await db.query<Omit<DashboardStream, "budget_left">>(
    `SELECT s.id::text AS stream_id, s.scenario, s.status, s.config, gg_iso(s.started_at) AS started_at,
            gg_iso(s.ends_at) AS ends_at, gg_iso(s.stopped_at) AS stopped_at, s.max_count::int AS max_count,
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

type MinuteFigures = Omit<DashboardMinute, "expected" | "by_kind">;

/** `count` minutes ending with the one holding `now`, each summed over streams. */
export async function minuteSeries(
  db: Queryable,
  streams: readonly DashboardStream[],
  now: Date,
  count = 60,
): Promise<DashboardMinute[]> {
  const last = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const from = new Date(last - (count - 1) * MINUTE_MS);
  const [figures, kinds] = await Promise.all([
    db.query<MinuteFigures & { at: Date }>(
      `SELECT minute AS at, sum(planned)::int AS planned, sum(sent)::int AS sent,
              sum(succeeded)::int AS succeeded, sum(failed)::int AS failed, sum(skipped)::int AS skipped,
              max(lateness_p50_ms) AS lateness_p50_ms, max(lateness_p99_ms) AS lateness_p99_ms,
              bool_and(finished_at IS NOT NULL) AS finished
         FROM traffic_minutes WHERE minute >= $1 GROUP BY minute`,
      [from],
    ),
    db.query<{ at: Date; kind: string; sent: number }>(
      `SELECT m.minute AS at, k.key AS kind, sum((k.value->>'sent')::int)::int AS sent
         FROM traffic_minutes m CROSS JOIN LATERAL jsonb_each(m.by_kind) k
        WHERE m.minute >= $1 AND m.finished_at IS NOT NULL GROUP BY m.minute, k.key`,
      [from],
    ),
  ]);
  const byMinute = new Map(figures.rows.map((r) => [r.at.getTime(), r]));
  const schedules = streams.map((s) => ({ s, schedule: scheduleOf(s) }));
  return Array.from({ length: count }, (_, i) => {
    const t = from.getTime() + i * MINUTE_MS;
    const row = byMinute.get(t);
    const by_kind: Record<string, number> = {};
    for (const k of kinds.rows) if (k.at.getTime() === t) by_kind[k.kind] = k.sent;
    const done = row?.finished === true;
    const expected = schedules
      .filter(({ s }) => activeIn(s, t))
      .reduce((sum, { schedule }) => sum + (schedule ? rateAt(schedule, new Date(t)) * 60 : 0), 0);
    return {
      minute: new Date(t).toISOString(),
      expected: Math.round(expected * 100) / 100,
      finished: row ? row.finished : true,
      planned: done ? row.planned : null,
      sent: done ? row.sent : null,
      succeeded: done ? row.succeeded : null,
      failed: done ? row.failed : null,
      skipped: done ? row.skipped : null,
      lateness_p50_ms: done ? row.lateness_p50_ms : null,
      lateness_p99_ms: done ? row.lateness_p99_ms : null,
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

function scheduleOf(s: DashboardStream): RateSchedule | null {
  const input = Streams.rateScheduleInputOf(
    s.config as Pick<Streams.StartStream, "rate" | "profile">,
  );
  const parsed = RateSchedule.safeParse(input);
  return parsed.success ? parsed.data : null;
}
