import { invalidInput } from "@gg/core/errors";
import type { Queryable } from "@gg/core/sql";
import { type Clock, monotonicClock } from "@gg/core/time";
import type { Stream } from "../streams/index";
import type { ConfigVersion } from "../streams/versions";
import { MINUTE_MS, minuteFrame, type Timing } from "./frame";
import { logLine } from "./log";
import { type MinuteRecord, MinuteTally } from "./record";
import { type Scenario, type Slice, WHOLE } from "./scenario";
import { claimMinute, releaseMinute, saveMinute } from "./store";

/** One minute of one stream, as the scheduled tick (or a test, a bench) asks for it. */
export interface StreamMinute {
  /** The stream, its `config` the version in force for the minute (`Streams.inForce`). */
  stream: Pick<Stream, "stream_id" | "config" | "started_at">;
  /** Which version `stream.config` is: recorded with the minute (absent: not recorded). */
  configVersion?: ConfigVersion;
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
  /** How late the schedule's trigger for this minute came (ms); absent: no trigger served it. */
  triggerDelayMs?: number | null;
  /** Users and images created for this minute's plan before it was prepared. */
  actorsCreated?: number;
  /**
   * Asked just before a live minute starts: false fires nothing and gives the claim back (the
   * stream was stopped while the minute waited for its start).
   */
  stillRunning?: () => Promise<boolean>;
}

/** A minute prepared before it begins: `fire` waits for its start, fires it, saves and logs it. */
export interface ReadyMinute {
  fire(): Promise<MinuteRecord>;
}

/** Where a minute (or a shard of it) is claimed before firing and saved after. */
export interface MinuteStore {
  /** False: an earlier invocation claimed it. `reserved`: see `claimMinute`. */
  claim(reserved: number | null): Promise<boolean>;
  /** Gives an unfired claim back. */
  release(): Promise<void>;
  save(record: MinuteRecord, tally: MinuteTally): Promise<void>;
}

// How long before a live minute starts its stream is checked once more (a stop during the lead).
const STOP_CHECK_MS = 1_000;

/**
 * The minute engine, first half: read the stream's configuration, claim (stream, minute) so a duplicate
 * invocation fires nothing, and let the scenario prepare the minute (state, plan, first event), so
 * that nothing is left between the minute's start and its first event. Settings are read before
 * the claim: a stream whose configuration cannot run fails its minute loudly and claims nothing.
 */
export async function prepareStreamMinute<S>(
  scenario: Scenario<S>,
  job: StreamMinute,
): Promise<ReadyMinute> {
  const clock = job.clock ?? monotonicClock();
  const startedAt = new Date();
  const streamId = job.stream.stream_id;
  const parsed = scenario.config.safeParse(job.stream.config);
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
    triggerDelayMs: job.triggerDelayMs ?? null,
    actorsCreated: job.actorsCreated ?? 0,
    configVersion: job.configVersion?.version ?? null,
  };
  const tally = new MinuteTally(scenario.kinds);
  const budget = job.budget ?? Number.POSITIVE_INFINITY;
  const reserved = Number.isFinite(budget)
    ? Math.min(
        budget,
        scenario.size?.({ config: parsed.data, seed, minute: new Date(minuteMs) }).count ?? budget,
      )
    : null;
  const claimed = job.store
    ? await job.store.claim(reserved)
    : job.db
      ? await claimMinute(job.db, streamId, base.minute, reserved, job.configVersion)
      : true;
  const unfired = (status: "already-ran" | "stopped"): MinuteRecord => ({
    ...base,
    status,
    expected: 0,
    ...tally.figures(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    overrunMs: 0,
    leadMs: null,
  });
  if (!claimed && (job.onDuplicate ?? "skip") === "skip") {
    const record = unfired("already-ran");
    return { fire: async () => emit(job, record) };
  }

  const prepared = await scenario.prepare({
    stream: job.stream,
    config: parsed.data,
    seed,
    minute: new Date(minuteMs),
    mode,
    db: job.db,
    budget,
    slice: job.slice ?? WHOLE,
    tally,
    onProgress: job.onProgress,
  });
  const readyAt = clock.now();
  return {
    async fire() {
      // Framed now: at scale 1 the minute is where it is anyway; compressed, it starts now.
      const frame = minuteFrame(job.minute, job.timing ?? {}, clock);
      if (job.stillRunning && frame.mode === "live") {
        const wait = frame.realStart - STOP_CHECK_MS - clock.now();
        if (wait > 0) await clock.sleep(wait);
        if (!(await job.stillRunning())) {
          if (job.store) await job.store.release();
          else if (job.db) await releaseMinute(job.db, streamId, base.minute);
          return emit(job, unfired("stopped"));
        }
      }
      await prepared.fire(frame, clock);
      const record: MinuteRecord = {
        ...base,
        status: "ran",
        expected: prepared.expected,
        ...tally.figures(),
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        overrunMs: frame.mode === "live" ? Math.max(0, Math.round(clock.now() - frame.end)) : 0,
        // A wake window's lead is to its own first event, not to the minute's start.
        leadMs:
          frame.mode === "live"
            ? Math.round(frame.realStart + (job.slice?.range?.startMs ?? 0) / frame.scale - readyAt)
            : null,
      };
      if (job.store) await job.store.save(record, tally);
      else if (job.db) await saveMinute(job.db, record);
      return emit(job, record);
    },
  };
}

/** Prepares the minute and fires it: its first events wait for what preparing takes. */
export async function runStreamMinute<S>(
  scenario: Scenario<S>,
  job: StreamMinute,
): Promise<MinuteRecord> {
  return (await prepareStreamMinute(scenario, job)).fire();
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
