import type { ClickstreamTopic } from "../clickstream/index";
import { type KindCounts, logLine, type MinuteRecord } from "../runner/index";

/** A clickstream minute's record: the generator's MinuteRecord, counted per clickstream kind. */
export type ClickstreamMinuteRecord = Omit<MinuteRecord, "byKind"> & {
  byKind: Partial<Record<ClickstreamTopic, KindCounts>>;
};

/**
 * The record as the scenario registry's MinuteRecord. Its `byKind` is typed with GourmetGram's
 * event kinds; the store and the log only serialise it, so a clickstream stream's per-kind counts
 * go through as they are rather than as five misleading zero rows.
 */
export const asMinuteRecord = (r: ClickstreamMinuteRecord): MinuteRecord =>
  r as unknown as MinuteRecord;

/** Counts of the one kind a stream sends. */
export function kindCounts(c: Omit<KindCounts, "duplicate" | "retried">): KindCounts {
  return { ...c, duplicate: 0, retried: 0 };
}

/** The minute as one JSON log line, like the GourmetGram runner's. */
export const logMinute = (r: ClickstreamMinuteRecord): void => logLine(asMinuteRecord(r));
