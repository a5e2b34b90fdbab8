import { setTimeout as sleep, setImmediate as yieldToIo } from "node:timers/promises";
import type { BulkProducer, BulkRecord } from "@gg/core/kafka-bulk";
import { createPacer } from "./pacer";
import { createSlots } from "./slots";
import type { RecordSource } from "./source";

/** One producing loop's share of the run. */
export interface LaneConfig {
  rate: number | "max";
  /** Events this lane sends; unbounded when absent (then a duration or an abort ends it). */
  count?: number;
  durationMs?: number;
  batchSize: number;
  lingerMs: number;
  /** Batches generated but not yet acknowledged, at most: the backpressure bound. */
  maxInFlight: number;
}

/** Live counters, read by the progress reporter while the lane runs. */
export interface LaneCounters {
  /** Events (and key + value bytes) acknowledged by the broker. */
  events: number;
  bytes: number;
  /** Events in batches whose send failed. */
  errors: number;
  /** Events generated, acknowledged or not. */
  generated: number;
  perTopic: Record<string, number>;
}

export type StopReason = "count" | "duration" | "abort" | "error";

export const newCounters = (): LaneCounters => ({
  events: 0,
  bytes: 0,
  errors: 0,
  generated: 0,
  perTopic: {},
});

export interface LaneControl {
  counters: LaneCounters;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Generates and sends batches until the count, the duration, an abort or the first failed send,
 * then waits for every in-flight batch to settle. Throws that first send error, if any.
 */
export async function runLane(
  source: RecordSource,
  producer: BulkProducer,
  config: LaneConfig,
  control: LaneControl,
): Promise<StopReason> {
  const now = control.now ?? performance.now.bind(performance);
  const { counters, signal } = control;
  const start = now();
  const deadline = config.durationMs === undefined ? Infinity : start + config.durationMs;
  const pacer = createPacer({ ...config, startMs: start });
  const slots = createSlots(config.maxInFlight);
  let remaining = config.count ?? Infinity;
  let failure: { error: unknown } | undefined;

  const send = (records: BulkRecord[]) => {
    const perTopic: Record<string, number> = {};
    let bytes = 0;
    for (const r of records) {
      bytes += r.key.length + r.value.length;
      perTopic[r.topic] = (perTopic[r.topic] ?? 0) + 1;
    }
    // The callbacks keep the count, not the records: a sender that copies them out (a worker's
    // link to its parent) lets them go at once.
    const n = records.length;
    producer
      .send(records)
      .then(
        () => {
          counters.events += n;
          counters.bytes += bytes;
          for (const t in perTopic)
            counters.perTopic[t] = (counters.perTopic[t] ?? 0) + (perTopic[t] ?? 0);
        },
        (error: unknown) => {
          counters.errors += n;
          failure ??= { error };
        },
      )
      .finally(() => slots.release());
  };

  const finish = async (reason: StopReason): Promise<StopReason> => {
    await slots.drained();
    if (failure) throw failure.error;
    return reason;
  };

  const stopReason = (): StopReason | undefined => {
    if (failure) return "error";
    if (signal?.aborted) return "abort";
    if (remaining <= 0) return "count";
    if (now() >= deadline) return "duration";
    return undefined;
  };

  for (;;) {
    const reason = stopReason();
    if (reason) return finish(reason);
    const t = now();
    const step = pacer.next(t, remaining);
    if (step.n === 0) {
      await sleep(Math.min(step.waitMs, Math.max(1, deadline - t)), undefined, { signal }).catch(
        () => {},
      );
      continue;
    }
    await slots.acquire();
    const late = stopReason();
    if (late) {
      slots.release();
      return finish(late);
    }
    const records = source.next(step.n, Date.now());
    remaining -= step.n;
    counters.generated += step.n;
    send(records);
    // Let socket writes, acks and timers run between batches (awaiting a free slot does not).
    await yieldToIo();
  }
}

/** Splits a run's count and rate evenly over `lanes` (the first lanes take the remainder). */
export function splitLanes(
  run: Pick<LaneConfig, "rate" | "batchSize" | "lingerMs" | "maxInFlight"> & {
    count?: number;
    durationSec?: number;
  },
  lanes: number,
): LaneConfig[] {
  const { count, rate } = run;
  const configs: LaneConfig[] = [];
  for (let i = 0; i < lanes; i++) {
    const share =
      count === undefined ? undefined : Math.floor(count / lanes) + (i < count % lanes ? 1 : 0);
    if (share === 0) continue;
    configs.push({
      rate: rate === "max" ? "max" : rate / lanes,
      count: share,
      durationMs: run.durationSec === undefined ? undefined : run.durationSec * 1_000,
      batchSize: run.batchSize,
      lingerMs: run.lingerMs,
      maxInFlight: run.maxInFlight,
    });
  }
  return configs;
}
