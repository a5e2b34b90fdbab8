import { randomInt } from "node:crypto";
import { AppError, invalidInput, isAppError } from "@gg/core/errors";
import { createKafka, ensureTopics, type KafkaConfig, partitionCounts, ping } from "@gg/core/kafka";
import { z } from "zod";
import type { StopReason } from "./lane";
import { type LaneHandle, startWorkerLane } from "./lane-handle";
import type { LaneSpec } from "./lane-spec";
import { splitLanes } from "./lanes";
import { FirehoseOptions, type FirehoseOptionsInput } from "./options";
import { createRateMeter, doneFraction, type FirehoseProgress, sumCounters } from "./progress";
import { startSender } from "./sender";
import { sourceSpecs } from "./source-specs";

export interface FirehoseContext {
  kafka: KafkaConfig;
  onProgress?: (progress: FirehoseProgress) => void;
  /** Aborting stops generation at once; batches in flight are still awaited (bounded). */
  signal?: AbortSignal;
  /** How often `onProgress` is called (default 250 ms). */
  progressMs?: number;
}

export interface FirehoseResult {
  scenario: FirehoseOptions["scenario"];
  seed: string | number;
  topics: string[];
  lanes: number;
  /** Events and key + value bytes acknowledged by the broker (acks=all). */
  events: number;
  bytes: number;
  /** Events in batches whose send failed (0 unless the run stopped on an error). */
  errors: number;
  /** From the first lane's first send to the last acknowledgement. */
  elapsedMs: number;
  eventsPerSec: number;
  mbPerSec: number;
  meanRecordBytes: number;
  perTopic: Record<string, number>;
  stoppedBy: Exclude<StopReason, "error">;
}

/**
 * Generates a scenario's records straight into Kafka as fast as allowed (or at `rate`), in
 * `threads` worker lanes. Resolves with what the broker acknowledged; rejects with an AppError
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
  const sources = sourceSpecs(options, seed, Date.now(), lanes.length);
  const topics = sources[0]?.topics ?? [];

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
    source: sources[i]?.spec as LaneSpec["source"],
    lane,
  }));
  const progressMs = ctx.progressMs ?? 250;
  if (options.threads === 0) {
    // Loaded only for a lane on this thread: the source and its Kafka client (Faker, the world,
    // @platformatic/kafka with its wasm: ~60 MB) would otherwise sit in the main isolate unused.
    const local = await import("./local-lane");
    const handles = specs.map((s) => local.startLocalLane(s));
    return await supervise(handles, options, seed, topics, ctx, progressMs);
  }
  // Worker lanes generate; one sender thread runs the Kafka client they all send through. A
  // client per lane cost each lane ~45 MB of code (@platformatic/kafka's wasm, avsc, protobufjs,
  // ajv) plus its in-flight requests in that lane's heap; on the main thread (unbounded heap) the
  // client's heap grew to ~95 MB.
  const sender = await startSender(kafkaConfig, specs[0]?.producer ?? {}, topics);
  try {
    const handles: LaneHandle[] = specs.map((s) => startWorkerLane(s, progressMs, sender.port()));
    return await supervise(handles, options, seed, topics, ctx, progressMs);
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
