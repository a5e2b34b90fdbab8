import { invalidInput } from "@gg/core/errors";
import type { Queryable } from "@gg/core/sql";
import type { Stream } from "../streams/index";
import { type Clock, monotonicClock } from "./clock";
import { MINUTE_MS, minuteFrame, type Timing } from "./frame";
import { logLine } from "./log";
import { type MinuteRecord, MinuteTally } from "./record";
import { type Scenario, type Slice, WHOLE } from "./scenario";
import { claimMinute, saveMinute } from "./store";

/** One minute of one stream, as the scheduled tick (or a test, a bench) asks for it. */
export interface StreamMinute {
  stream: Pick<Stream, "stream_id" | "config" | "started_at">;
  /** Any instant in the minute; floored to the UTC minute. */
  minute: Date;
  /** Where the minute is claimed and recorded (`traffic_minutes`); none in pure runs. */
  db?: Queryable;
  /** Events the stream may still send (default: no limit). */
  budget?: number;
  timing?: Timing;
  clock?: Clock;
  slice?: Slice;
  /** How the minute is claimed and saved; default its row in `traffic_minutes` (a shard: its own). */
  store?: MinuteStore;
  /** `skip` (default): a claimed minute fires nothing. `refire`: fire again, keys dedupe. */
  onDuplicate?: "skip" | "refire";
  /** Receives the minute's record (one JSON log line by default). */
  log?: (record: MinuteRecord) => void;
  onProgress?: (settled: number, total: number) => void;
}

/**
 * The minute engine: read the stream's settings, claim (stream, minute) so a duplicate invocation
 * fires nothing, frame the minute in real time, let the scenario fire it, then save and log one
 * record. Settings are read before the claim: a stream whose configuration cannot run fails its
 * minute loudly and claims nothing.
 */
export async function runStreamMinute<S>(
  scenario: Scenario<S>,
  job: StreamMinute,
): Promise<MinuteRecord> {
  const clock = job.clock ?? monotonicClock();
  const startedAt = new Date();
  const streamId = job.stream.stream_id;
  const parsed = scenario.settings.safeParse(job.stream.config);
  if (!parsed.success) {
    throw invalidInput(
      `${scenario.name} stream ${streamId}: bad config: ${parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ")}`,
    );
  }
  const seed = seedOf(job.stream);
  const minuteMs = Math.floor(job.minute.getTime() / MINUTE_MS) * MINUTE_MS;
  const mode = job.timing?.mode ?? "live";
  const base = {
    streamId,
    scenario: scenario.name,
    minute: new Date(minuteMs).toISOString(),
    mode,
    seed: String(seed),
  };
  const tally = new MinuteTally(scenario.kinds);
  const claimed = job.store
    ? await job.store.claim()
    : job.db
      ? await claimMinute(job.db, streamId, base.minute)
      : true;
  if (!claimed && (job.onDuplicate ?? "skip") === "skip") {
    return emit(job, {
      ...base,
      status: "already-ran",
      expected: 0,
      ...tally.figures(),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      overrunMs: 0,
    });
  }

  const prepared = await scenario.prepare({
    stream: job.stream,
    settings: parsed.data,
    seed,
    minute: new Date(minuteMs),
    mode,
    db: job.db,
    budget: job.budget ?? Number.POSITIVE_INFINITY,
    slice: job.slice ?? WHOLE,
    tally,
    onProgress: job.onProgress,
  });
  // Framed after preparing: at scale 1 the minute is where it is anyway; compressed, it starts now.
  const frame = minuteFrame(job.minute, job.timing ?? {}, clock);
  await prepared.fire(frame, clock);
  const record: MinuteRecord = {
    ...base,
    status: "ran",
    expected: prepared.expected,
    ...tally.figures(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    overrunMs: frame.mode === "live" ? Math.max(0, Math.round(clock.now() - frame.end)) : 0,
  };
  if (job.store) await job.store.save(record, tally);
  else if (job.db) await saveMinute(job.db, record);
  return emit(job, record);
}

/** Where a minute (or a shard of it) is claimed before firing and saved after. */
export interface MinuteStore {
  /** False: an earlier invocation claimed it. */
  claim(): Promise<boolean>;
  save(record: MinuteRecord, tally: MinuteTally): Promise<void>;
}

/** The seed a stream plans with: its configured seed, else its id (stable for its life). */
export function seedOf(stream: Pick<Stream, "stream_id" | "config">): string | number {
  const seed = stream.config.seed;
  return typeof seed === "string" || typeof seed === "number" ? seed : stream.stream_id;
}

function emit(job: StreamMinute, record: MinuteRecord): MinuteRecord {
  (job.log ?? logLine)(record);
  return record;
}
