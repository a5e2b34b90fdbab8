import {
  addCounts,
  type KindCounts,
  LatenessRecorder,
  type MinuteFigures,
  type SparseLateness,
  totalOf,
  zeroCounts,
} from "../minute/index";
import { sliceSize } from "./job";

/** One shard's stored figures (`traffic_minute_shards`); `finished` false: claimed, not reported. */
export interface ShardFigures {
  shard: number;
  finished: boolean;
  byKind: Record<string, KindCounts>;
  unsent: number;
  lateness: SparseLateness | null;
  recoveredLateness: SparseLateness | null;
  errors: string[];
  /** How long before the minute's start the shard was ready to fire (ms); null: unknown. */
  leadMs: number | null;
}

/** A sharded minute's merge: the sum of its shards, and the events of shards that never reported. */
export interface MergedMinute extends MinuteFigures {
  shards: number;
  reported: number;
  /** Events of slices whose shard has not reported: never silently missing from the minute. */
  unaccounted: number;
  /** The least lead of the reported shards: what the minute as a whole got. */
  leadMs: number | null;
}

/**
 * Merges the reported shards of a minute of `events` planned events over `shards` shards. Counts
 * add up kind by kind; lateness merges the shards' histograms, so p99 is the minute's p99, not an
 * average of shards' p99s. A shard with no finished row counts its whole slice (or window) as
 * unaccounted.
 */
export function mergeShards(
  rows: readonly ShardFigures[],
  shards: number,
  events: number,
  /** Each wake window's event count; absent: the shards split the minute by index mod N. */
  sizes?: readonly number[],
): MergedMinute {
  const kinds = new Map<string, KindCounts>();
  const lateness = new LatenessRecorder();
  const recovered = new LatenessRecorder();
  const errors: string[] = [];
  let unsent = 0;
  let leadMs: number | null = null;
  const reported = new Set<number>();
  for (const row of rows) {
    if (!row.finished || reported.has(row.shard)) continue;
    reported.add(row.shard);
    for (const [kind, c] of Object.entries(row.byKind)) {
      kinds.set(kind, addCounts(kinds.get(kind) ?? zeroCounts(), c));
    }
    unsent += row.unsent;
    if (row.leadMs !== null && (leadMs === null || row.leadMs < leadMs)) leadMs = row.leadMs;
    if (row.lateness) lateness.merge(row.lateness);
    if (row.recoveredLateness) recovered.merge(row.recoveredLateness);
    for (const e of row.errors) if (errors.length < 5) errors.push(`shard ${row.shard}: ${e}`);
  }
  let unaccounted = 0;
  for (let s = 0; s < shards; s++)
    if (!reported.has(s)) unaccounted += sizes ? (sizes[s] ?? 0) : sliceSize(events, s, shards);
  return {
    shards,
    reported: reported.size,
    unaccounted,
    leadMs,
    ...totalOf(kinds.values()),
    unsent,
    lateness: lateness.summary(),
    recoveredLateness: recovered.summary(),
    byKind: Object.fromEntries(kinds),
    errors,
  };
}
