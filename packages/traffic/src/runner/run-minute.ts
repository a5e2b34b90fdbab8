import { createRandom } from "@gg/core/random";
import type { Queryable } from "@gg/core/sql";
import type { ImageIndex } from "../images/index";
import { type KnownState, type PlannerConfig, planMinute } from "../plan/index";
import { type Clock, monotonicClock } from "./clock";
import { type EventResult, fire } from "./fire";
import { claimMinute, saveMinute } from "./minute-store";
import { alreadyRanFigures, emptyByKind, type MinuteRecord, tally } from "./record";
import { buildRequest, type FiringEvent } from "./requests";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry";
import { sendOnce } from "./send";
import type { ApiTarget } from "./target";

const MINUTE_MS = 60_000;

/** How a minute is laid out in real time. */
export interface Timing {
  /** `live` (default): each event at its planned time; `backfill`: all at once, as fast as allowed. */
  mode?: "live" | "backfill";
  /**
   * Time compression for tests and benches: the minute plays in 60 s / scale, starting now. At 1
   * (production) planned time is real time, so an invocation that starts late fires the events
   * whose time has passed at once, and their lateness says so.
   */
  scale?: number;
  /** Real epoch ms after which no request starts (a Lambda's remaining time). */
  deadline?: number;
}

export interface RunMinuteInput {
  seed: string | number;
  minute: Date;
  config: PlannerConfig;
  /** The known state, or how to load it (only after the minute is claimed). */
  state: KnownState | (() => Promise<KnownState>);
  dataset: ImageIndex | null;
  target: ApiTarget;
  streamId: string;
  scenario?: string;
  /** Events this stream may still send; planned events beyond it are skipped. */
  budget?: number;
  /** Where the minute is claimed and recorded (`traffic_minutes`); none in pure tests. */
  db?: Queryable;
  /** `skip` (default): a claimed minute fires nothing. `refire`: fire again, keys dedupe. */
  onDuplicate?: "skip" | "refire";
  timing?: Timing;
  clock?: Clock;
  concurrency: number;
  retry?: RetryPolicy;
  requestTimeoutMs?: number;
  /** Receives the minute's record (one JSON log line by default). */
  log?: (record: MinuteRecord) => void;
  onProgress?: (settled: number, total: number) => void;
}

/**
 * One minute of traffic: claim it, plan it, fire its events open-loop with bounded concurrency and
 * retries, then record planned/sent/succeeded/failed/retried and lateness per minute.
 */
export async function runMinute(input: RunMinuteInput): Promise<MinuteRecord> {
  const clock = input.clock ?? monotonicClock();
  const startedAt = new Date();
  const minuteMs = Math.floor(input.minute.getTime() / MINUTE_MS) * MINUTE_MS;
  const minute = new Date(minuteMs).toISOString();
  const mode = input.timing?.mode ?? "live";
  const claimed = input.db ? await claimMinute(input.db, input.streamId, minute) : true;
  if (!claimed && (input.onDuplicate ?? "skip") === "skip") {
    return emit(input, skippedRecord(input, minute, mode, startedAt));
  }

  const state = typeof input.state === "function" ? await input.state() : input.state;
  const plan = planMinute({
    seed: input.seed,
    minute: input.minute,
    config: input.config,
    state,
    dataset: input.dataset,
  });
  const budget = input.budget ?? Number.POSITIVE_INFINITY;
  // Events over the budget count as skipped: drawn, never fired.
  const firing: FiringEvent[] = [];
  for (const e of plan.events) {
    if (e.status === "planned" && firing.length < budget) firing.push(e);
  }

  // Build (not send) one request of each kind first: the first Request, FormData and file read
  // load lazily (~20 ms in a cold process), which would otherwise land on the first events.
  const timeoutMs = input.requestTimeoutMs ?? 10_000;
  const firstOfKind = new Map(firing.map((e) => [e.kind, e]));
  await Promise.all(
    [...firstOfKind.values()].map((e) =>
      buildRequest(e, input.target, input.dataset, timeoutMs).catch(() => undefined),
    ),
  );

  const scale = input.timing?.scale ?? 1;
  const realStart = mode === "backfill" ? clock.now() : scale === 1 ? minuteMs : clock.now();
  const dueAt =
    mode === "backfill"
      ? () => realStart
      : (e: FiringEvent) => realStart + (e.atMs - minuteMs) / scale;
  const minuteEnd = mode === "backfill" ? realStart : realStart + MINUTE_MS / scale;
  const jitter = createRandom(plan.seed, "retry-jitter", minute);
  const errors: string[] = [];
  const results = await fire({
    events: firing,
    dueAt,
    send: (e, attempt) =>
      sendOnce(input.target, () => buildRequest(e, input.target, input.dataset, timeoutMs), {
        onError: (why) => {
          if (errors.length < 5) errors.push(`${e.kind} attempt ${attempt}: ${why}`);
        },
      }),
    concurrency: input.concurrency,
    retry: input.retry ?? DEFAULT_RETRY,
    clock,
    deadline: input.timing?.deadline ?? Number.POSITIVE_INFINITY,
    random: () => jitter.next(),
    onProgress: input.onProgress,
  });

  const fired = firing.map((event, i) => ({ event, result: results[i] as EventResult }));
  const counted = tally(plan.events, fired, mode === "live");
  const finishedMs = clock.now();
  const record: MinuteRecord = {
    streamId: input.streamId,
    scenario: input.scenario ?? "gourmetgram",
    minute,
    status: "ran",
    mode,
    seed: plan.seed,
    expected: plan.expected,
    ...counted,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    overrunMs: mode === "live" ? Math.max(0, Math.round(finishedMs - minuteEnd)) : 0,
    errors,
  };
  if (input.db) await saveMinute(input.db, record);
  return emit(input, record);
}

function skippedRecord(
  input: RunMinuteInput,
  minute: string,
  mode: MinuteRecord["mode"],
  startedAt: Date,
): MinuteRecord {
  return {
    streamId: input.streamId,
    scenario: input.scenario ?? "gourmetgram",
    minute,
    mode,
    seed: String(input.seed),
    ...alreadyRanFigures(startedAt),
    byKind: emptyByKind(),
  };
}

function emit(input: RunMinuteInput, record: MinuteRecord): MinuteRecord {
  (input.log ?? logLine)(record);
  return record;
}

/** The minute as one JSON log line (CloudWatch and terminals read it alike). */
export function logLine(record: MinuteRecord): void {
  console.log(JSON.stringify({ level: "info", message: "generator minute", ...record }));
}
