import { randomUUID } from "node:crypto";
import { monotonicClock } from "@gg/core/time";
import { createRecordDraw, deliver, drawRecords, type WorldCache } from "@gg/traffic/clickstream";
import { type ClickstreamSettings, encodeRecord } from "@gg/traffic/clickstream/model";
import type { ControlDeps } from "../deps";
import {
  type DataType,
  type GenerateRequest,
  type GenerateResult,
  MAX_PACED_SECONDS,
} from "./generate-schemas";

/** The world's seed when a request names none: every unseeded request shares one population. */
const DEFAULT_WORLD_SEED = "clickstream";
const DAY_MS = 86_400_000;
// Acks of the last batches may come after the paced part; past this, the request gives up.
const ACK_MARGIN_MS = 30_000;

/** A run's outcome: the response, or how far delivery got before Kafka failed it. */
export type GenerateOutcome =
  | { ok: true; result: GenerateResult }
  | { ok: false; topic: string; delivered: number; errors: string[] };

/** Which world and which draw a request uses; a seeded request replays within the UTC day. */
export function drawOf(
  worlds: WorldCache,
  seed: string | number | undefined,
  now: Date,
  settings?: ClickstreamSettings,
) {
  // Anchored at the day's start: one world per seed (and settings) per day, no user active after now.
  const anchor = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  return {
    world: worlds.get(seed ?? DEFAULT_WORLD_SEED, anchor, settings),
    label: seed === undefined ? randomUUID() : `generate/${seed}`,
  };
}

/**
 * Generates `count` records of `kind`. With `stream`, delivers them to the kind's topic (paced at
 * `rate` when given, each stamped as of its due time) and succeeds only once every one is
 * acknowledged; the first failed batch stops delivery.
 */
export async function generate(
  deps: Pick<ControlDeps, "producer" | "clickstreamTopics">,
  worlds: WorldCache,
  kind: DataType,
  request: GenerateRequest,
): Promise<GenerateOutcome> {
  const started = performance.now();
  const now = new Date();
  const { world, label } = drawOf(worlds, request.seed, now, request.settings);
  const topic = deps.clickstreamTopics[kind];
  let delivered = 0;
  if (!request.stream) {
    drawRecords({ world, kind, label, now, count: request.count });
  } else {
    if (!deps.producer) {
      return { ok: false, topic, delivered: 0, errors: ["no Kafka is configured"] };
    }
    const clock = monotonicClock();
    const start = clock.now();
    const rate = request.rate;
    const dueAt = rate === undefined ? () => start : (i: number) => start + (i * 1000) / rate;
    const source = createRecordDraw({ world, kind, label, now });
    const delivery = await deliver({
      producer: deps.producer,
      topic,
      count: request.count,
      dueAt,
      message: (i) => encodeRecord(source.next(new Date(dueAt(i)))),
      clock,
      tickMs: 50,
      maxBatch: request.batch_size,
      maxInFlight: 8,
      deadline: start + MAX_PACED_SECONDS * 1000 + ACK_MARGIN_MS,
      stopOnError: true,
    });
    delivered = delivery.succeeded;
    if (delivered < request.count) {
      const errors = delivery.errors.length > 0 ? delivery.errors : ["deadline passed"];
      return { ok: false, topic, delivered, errors };
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    ok: true,
    result: {
      success: true,
      message: request.stream
        ? `Generated ${request.count} ${kind} and delivered them to ${topic}`
        : `Generated ${request.count} ${kind} (not delivered: stream is false)`,
      data_type: kind,
      count_generated: request.count,
      delivered,
      topic: request.stream ? topic : null,
      seed: request.seed ?? null,
      time_taken: Math.round(seconds * 1e6) / 1e6,
      rate_per_second: Math.round((request.count / Math.max(seconds, 1e-6)) * 100) / 100,
    },
  };
}
