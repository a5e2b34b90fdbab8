import { randomInt } from "node:crypto";
import { AppError, invalidInput, isAppError } from "@gg/core/errors";
import { createKafka, ensureTopics, type KafkaConfig, partitionCounts, ping } from "@gg/core/kafka";
import { z } from "zod";
import { definitionOf } from "../scenarios/index";
import { splitLanes } from "./lane";
import { type LaneHandle, startLocalLane, startWorkerLane } from "./lane-handle";
import type { LaneSpec } from "./lane-spec";
import { FirehoseOptions, type FirehoseOptionsInput } from "./options";
import {
  createRateMeter,
  doneFraction,
  type FirehoseProgress,
  type FirehoseResult,
  sumCounters,
} from "./report";
import { startSender } from "./sender";
import type { FirehoseSource } from "./source";

export interface FirehoseContext {
  kafka: KafkaConfig;
  onProgress?: (progress: FirehoseProgress) => void;
  /** Aborting stops generation at once; batches in flight are still awaited (bounded). */
  signal?: AbortSignal;
  /** How often `onProgress` is called (default 250 ms). */
  progressMs?: number;
}

/**
 * Generates a scenario's records straight into Kafka as fast as allowed (or at `rate`), in
 * `threads` worker lanes, each making its records with its scenario's source. Resolves with what the broker acknowledged; rejects with an AppError
 * (UNAVAILABLE when Kafka is down or fails mid-run, INVALID_INPUT for bad options).
 */
export async function runFirehose(
  input: FirehoseOptionsInput,
  ctx: FirehoseContext,
): Promise<FirehoseResult> {
  const parsed = FirehoseOptions.safeParse(input);
  if (!parsed.success) throw invalidInput(`firehose options: ${z.prettifyError(parsed.error)}`);
  const options = parsed.data;
  const seed = options.seed ?? randomInt(2 ** 31);
  const lanes = splitLanes(options, Math.max(1, options.threads));
  const plugin = definitionOf(options.scenario).firehose as FirehoseSource;
  const { sources, topics } = plugin.lanes(options, {
    seed,
    startMs: Date.now(),
    lanes: lanes.length,
  });

  // Fail in seconds, not after kafkajs' retry budget, when the broker is not there at all.
  const kafka = createKafka({ ...ctx.kafka, retries: Math.min(ctx.kafka.retries ?? 2, 2) });
  await ping(kafka, 3_000);
  await ensureTopics(kafka, topics, { numPartitions: options.partitions });
  const fewest = Math.min(...Object.values(await partitionCounts(kafka, topics)));

  const { log: _log, ...kafkaConfig } = ctx.kafka;
  const specs: LaneSpec[] = lanes.map((lane, i) => ({
    kafka: kafkaConfig,
    // Each partition's share of a request must stay under the broker's 1 MB batch limit.
    producer: { compression: options.compression, maxRequestBytes: fewest * 800_000 },
    source: { module: plugin.module, options: sources[i] },
    sourceHeapMb: plugin.heapMb(options),
    lane,
  }));
  const progressMs = ctx.progressMs ?? 250;
  const run = (handles: LaneHandle[]) => supervise(handles, options, seed, topics, ctx, progressMs);
  // threads 0: one lane, its source and client, on this thread (a caller that has it to spare).
  if (options.threads === 0) return await run(specs.map(startLocalLane));
  // One lane is one thread: it runs its own client.
  if (specs.length === 1) return await run(specs.map((s) => startWorkerLane(s, progressMs)));
  // Several lanes share one sender thread that runs the client they all send through: a client
  // per lane would carry its code (wasm, codecs) and its in-flight requests in every lane's heap.
  const sender = await startSender(kafkaConfig, specs[0]?.producer ?? {}, topics);
  try {
    return await run(specs.map((s) => startWorkerLane(s, progressMs, sender.port())));
  } finally {
    await sender.close();
  }
}

async function supervise(
  handles: LaneHandle[],
  options: FirehoseOptions,
  seed: string | number,
  topics: string[],
  ctx: FirehoseContext,
  progressMs: number,
): Promise<FirehoseResult> {
  const stopAll = () => {
    for (const h of handles) h.stop();
  };
  if (ctx.signal?.aborted) stopAll();
  ctx.signal?.addEventListener("abort", stopAll, { once: true });
  let startMs: number | undefined;
  for (const h of handles) {
    h.ready.then((at) => {
      startMs = Math.min(startMs ?? at, at);
    });
  }
  const meter = createRateMeter();
  const bounds = {
    count: options.count,
    durationMs: options.durationSec === undefined ? undefined : options.durationSec * 1_000,
  };
  const report = () => {
    const now = Date.now();
    const c = sumCounters(handles.map((h) => h.counters()));
    const elapsedMs = startMs === undefined ? 0 : now - startMs;
    ctx.onProgress?.({
      elapsedMs,
      events: c.events,
      bytes: c.bytes,
      errors: c.errors,
      generated: c.generated,
      ratePerSec: meter(now, c.events),
      fraction: doneFraction(c.events, elapsedMs, bounds),
    });
  };
  const timer = setInterval(report, progressMs);
  // The first failing lane stops the others: a firehose into a broken cluster only piles up errors.
  const outcomes = await Promise.allSettled(
    handles.map((h) =>
      h.done.catch((e: unknown) => {
        stopAll();
        throw e;
      }),
    ),
  );
  clearInterval(timer);
  ctx.signal?.removeEventListener("abort", stopAll);
  const endMs = Date.now();
  report();
  const total = sumCounters(handles.map((h) => h.counters()));
  const failed = outcomes.find((o) => o.status === "rejected");
  if (failed) {
    const e = failed.reason as unknown;
    const message = `${e instanceof Error ? e.message : String(e)} (firehose stopped after ${total.events} acknowledged events)`;
    throw isAppError(e)
      ? new AppError(e.code, message, { dependency: "kafka", retriable: e.retriable, cause: e })
      : new AppError("INTERNAL", message, { cause: e });
  }
  const reasons = outcomes.map((o) => (o.status === "fulfilled" ? o.value : "error"));
  const elapsedMs = Math.max(1, endMs - (startMs ?? endMs));
  return {
    scenario: options.scenario,
    seed,
    topics,
    lanes: handles.length,
    events: total.events,
    bytes: total.bytes,
    errors: total.errors,
    elapsedMs,
    eventsPerSec: (total.events * 1_000) / elapsedMs,
    mbPerSec: total.bytes / 1e6 / (elapsedMs / 1_000),
    meanRecordBytes: total.events === 0 ? 0 : total.bytes / total.events,
    perTopic: total.perTopic,
    stoppedBy: ctx.signal?.aborted
      ? "abort"
      : reasons.includes("duration")
        ? "duration"
        : reasons.includes("abort")
          ? "abort"
          : "count",
  };
}
