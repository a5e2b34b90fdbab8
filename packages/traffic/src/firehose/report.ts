import { z } from "zod";
import { ScenarioName } from "../scenarios/index";
import type { LaneCounters } from "./lane";

// What a run reports, declared once: the control routes answer these schemas as they are.

/** A snapshot of a running firehose, for a progress bar or an API's status. */
export const FirehoseProgress = z.object({
  elapsedMs: z.number(),
  /** Events and key + value bytes acknowledged by the broker so far. */
  events: z.number().int(),
  bytes: z.number().int(),
  /** Events in batches whose send failed. */
  errors: z.number().int(),
  generated: z.number().int(),
  /** Acknowledged events per second over about the last second. */
  ratePerSec: z.number(),
  /** Done share in [0, 1] when a count or a duration bounds the run. */
  fraction: z.number().optional(),
});
export type FirehoseProgress = z.infer<typeof FirehoseProgress>;

/** How a run ended, and what the broker acknowledged. */
export const FirehoseResult = z.object({
  scenario: ScenarioName,
  seed: z.union([z.string(), z.number()]),
  topics: z.array(z.string()),
  lanes: z.number().int(),
  /** Events and key + value bytes acknowledged by the broker (acks=all). */
  events: z.number().int(),
  bytes: z.number().int(),
  /** Events in batches whose send failed (0 unless the run stopped on an error). */
  errors: z.number().int(),
  /** From the first lane's first send to the last acknowledgement. */
  elapsedMs: z.number(),
  eventsPerSec: z.number(),
  mbPerSec: z.number(),
  meanRecordBytes: z.number(),
  perTopic: z.record(z.string(), z.number()),
  stoppedBy: z.enum(["count", "duration", "abort"]),
});
export type FirehoseResult = z.infer<typeof FirehoseResult>;

/** Sums lane counters. */
export function sumCounters(all: readonly LaneCounters[]): LaneCounters {
  const total: LaneCounters = { events: 0, bytes: 0, errors: 0, generated: 0, perTopic: {} };
  for (const c of all) {
    total.events += c.events;
    total.bytes += c.bytes;
    total.errors += c.errors;
    total.generated += c.generated;
    for (const [t, n] of Object.entries(c.perTopic)) {
      total.perTopic[t] = (total.perTopic[t] ?? 0) + n;
    }
  }
  return total;
}

/** A moving rate of acknowledged events over a window of recent samples. */
export function createRateMeter(windowMs = 1_000): (atMs: number, events: number) => number {
  const samples: [number, number][] = [];
  return (at, events) => {
    samples.push([at, events]);
    while (samples.length > 2 && at - (samples[1]?.[0] ?? at) >= windowMs) samples.shift();
    const [t0, e0] = samples[0] as [number, number];
    return at > t0 ? ((events - e0) * 1_000) / (at - t0) : 0;
  };
}

/** How far a bounded run is: the larger of its count and duration shares. */
export function doneFraction(
  events: number,
  elapsedMs: number,
  bounds: { count?: number; durationMs?: number },
): number | undefined {
  const shares: number[] = [];
  if (bounds.count !== undefined) shares.push(events / bounds.count);
  if (bounds.durationMs !== undefined) shares.push(elapsedMs / bounds.durationMs);
  return shares.length === 0 ? undefined : Math.min(1, Math.max(...shares));
}
