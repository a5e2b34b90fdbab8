import type { Producer } from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import type { Queryable } from "@gg/core/sql";
import { type ClickstreamTopic, encodeRecord } from "../clickstream/index";
import { drawArrivals } from "../plan/index";
import { rateAt } from "../rates/index";
import {
  alreadyRanFigures,
  type Clock,
  claimMinute,
  latenessOf,
  monotonicClock,
  saveMinute,
  type Timing,
} from "../runner/index";
import type { Stream } from "../streams/index";
import { deliver } from "./deliver";
import {
  asMinuteRecord,
  type ClickstreamMinuteRecord,
  kindCounts,
  logMinute,
} from "./minute-record";
import { createRecordSource } from "./record-source";
import { clickstreamConfigOf } from "./stream-config";
import type { WorldCache } from "./world-cache";

const MINUTE_MS = 60_000;

export interface ClickstreamMinuteInput {
  stream: Pick<Stream, "stream_id" | "config" | "started_at">;
  /** Any instant in the minute; floored to the UTC minute. */
  minute: Date;
  /** Events the stream may still send (Infinity without `max_count`). */
  budget?: number;
  /** Where the minute is claimed and recorded (`traffic_minutes`); none in pure runs. */
  db?: Queryable;
  producer: Pick<Producer, "sendRaw">;
  /** Topic name per kind (the control plane's `clickstreamTopics`). */
  topics: Readonly<Record<ClickstreamTopic, string>>;
  worlds: WorldCache;
  timing?: Timing;
  clock?: Clock;
  /** `skip` (default): a claimed minute sends nothing. `refire`: send it again. */
  onDuplicate?: "skip" | "refire";
  /** Batching: gather due events every `tickMs` (default 50), `maxBatch` per produce call (500). */
  tickMs?: number;
  maxBatch?: number;
  /** Produce calls awaiting acks at most (default 8). */
  maxInFlight?: number;
  log?: (record: ClickstreamMinuteRecord) => void;
  onProgress?: (settled: number, total: number) => void;
}

/**
 * One minute of a clickstream stream: N ~ Poisson(rate × 60) arrivals at uniform order-statistic
 * offsets (the GourmetGram arrival model), each a record of the stream's kind stamped at its
 * arrival, sent to Kafka open-loop in small batches, recorded in `traffic_minutes`. Count, times
 * and records are a pure function of (seed, minute, config); only the real-time figures vary.
 */
export async function runClickstreamMinute(
  input: ClickstreamMinuteInput,
): Promise<ClickstreamMinuteRecord> {
  const clock = input.clock ?? monotonicClock();
  const startedAt = new Date();
  const minuteMs = Math.floor(input.minute.getTime() / MINUTE_MS) * MINUTE_MS;
  const minute = new Date(minuteMs).toISOString();
  const mode = input.timing?.mode ?? "live";
  const streamId = input.stream.stream_id;
  const config = clickstreamConfigOf(input.stream);
  const seed = String(config.seed);
  const base = { streamId, scenario: "clickstream", minute, mode, seed } as const;
  const claimed = input.db ? await claimMinute(input.db, streamId, minute) : true;
  if (!claimed && (input.onDuplicate ?? "skip") === "skip") {
    return emit(input, alreadyRan(base, startedAt));
  }

  const rate = rateAt(config.schedule, new Date(minuteMs));
  const root = createRandom(seed, "clickstream-minute", minute);
  const { count, offsetsMs } = drawArrivals(root.fork("count"), root.fork("offsets"), rate);
  const planned = Math.min(count, Math.max(0, input.budget ?? Number.POSITIVE_INFINITY));
  const source = createRecordSource({
    world: input.worlds.get(config.seed, config.anchor, config.settings),
    kind: config.dataType,
    label: minute,
    now: new Date(minuteMs),
  });

  const scale = input.timing?.scale ?? 1;
  const realStart = mode === "live" && scale === 1 ? minuteMs : clock.now();
  const offset = (i: number) => offsetsMs[i] as number;
  const delivery = await deliver({
    producer: input.producer,
    topic: input.topics[config.dataType],
    count: planned,
    dueAt: mode === "backfill" ? () => realStart : (i) => realStart + offset(i) / scale,
    // Stamped at the arrival's place in the minute: in live time that is its due time, never later.
    message: (i) => encodeRecord(source.next(new Date(minuteMs + offset(i)))),
    clock,
    tickMs: input.tickMs ?? 50,
    maxBatch: input.maxBatch ?? 500,
    maxInFlight: input.maxInFlight ?? 8,
    deadline: input.timing?.deadline ?? Number.POSITIVE_INFINITY,
    onProgress: input.onProgress,
  });

  const minuteEnd = mode === "backfill" ? realStart : realStart + MINUTE_MS / scale;
  const counts = {
    planned,
    skipped: count - planned,
    sent: delivery.sent,
    succeeded: delivery.succeeded,
    // As in the GourmetGram record: events never sent (deadline) count as failed too.
    failed: delivery.failed + delivery.unsent,
  };
  const record: ClickstreamMinuteRecord = {
    ...base,
    status: "ran",
    expected: rate * 60,
    ...counts,
    duplicate: 0,
    // The producer retries inside a send; attempts are not visible per event.
    retried: 0,
    unsent: delivery.unsent,
    lateness: latenessOf(mode === "live" ? Array.from(delivery.lateness) : []),
    byKind: { [config.dataType]: kindCounts(counts) },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    overrunMs: Math.max(0, Math.round(clock.now() - minuteEnd)),
    errors: delivery.errors,
  };
  if (input.db) await saveMinute(input.db, asMinuteRecord(record));
  return emit(input, record);
}

function alreadyRan(
  base: Pick<ClickstreamMinuteRecord, "streamId" | "scenario" | "minute" | "mode" | "seed">,
  startedAt: Date,
): ClickstreamMinuteRecord {
  return {
    ...base,
    ...alreadyRanFigures(startedAt),
    byKind: {},
  };
}

function emit(input: ClickstreamMinuteInput, record: ClickstreamMinuteRecord) {
  (input.log ?? logMinute)(record);
  return record;
}
