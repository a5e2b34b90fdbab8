import { type Lateness, LatenessRecorder } from "./lateness";

/** Counts of one kind of event in a minute. */
export interface KindCounts {
  planned: number;
  skipped: number;
  sent: number;
  succeeded: number;
  failed: number;
  /** Refused as already done (an earlier run of the minute used the key). */
  duplicate: number;
  /** Retry attempts (not events). */
  retried: number;
  /** Events that succeeded only on a retry (an outage inside the minute), same key, late. */
  recovered: number;
}

/** What a scenario counts while it fires; the minute layer adds identity and times. */
export interface MinuteFigures extends KindCounts {
  /** Events planned but never sent (deadline); included in `failed` for the table. */
  unsent: number;
  /** Real-time lateness of the first attempts; null in backfill. */
  lateness: Lateness;
  /** How late (due → that attempt) the `recovered` events succeeded. */
  recoveredLateness: Lateness;
  /** The counts by the scenario's own kinds (GourmetGram's actions, a clickstream topic). */
  byKind: Record<string, KindCounts>;
  /** The first four failures, then `(N more)` if any were left out, then the latest. */
  errors: string[];
}

/**
 * What one minute of one stream did, whatever its scenario: stored in `traffic_minutes` and
 * logged as one JSON line. Its counts are the sums of `byKind`, so one record type serves every
 * scenario.
 */
export interface MinuteRecord extends MinuteFigures {
  streamId: string;
  scenario: string;
  /** The minute's start, ISO-8601 UTC. */
  minute: string;
  /**
   * `already-ran`: the minute was claimed by an earlier invocation and nothing was fired.
   * `sharded`: a coordinator's record; the shards fire and their merge is saved.
   * `woken`: the same for a slow minute cut into wake windows, each its own invocation.
   * `stopped`: the stream stopped between the minute's preparation and its start: nothing was
   * fired and the claim was released.
   */
  status: "ran" | "already-ran" | "sharded" | "woken" | "stopped";
  /** `sharded`: the minute was split over this many shard invocations (their merge is the record). */
  shards?: number;
  /** Events of shards that have not reported (sharded minutes only). */
  unaccounted?: number;
  /** `live` fires on the plan's times; `backfill` fires a past minute at once. */
  mode: "live" | "backfill";
  seed: string;
  /** λ × 60 for the minute (expected background events). */
  expected: number;
  startedAt: string;
  finishedAt: string;
  /** How long after the minute's (real-time) end the run finished; 0 if inside it. */
  overrunMs: number;
  /**
   * How late the schedule delivered the trigger that served this minute (delivery − the time it
   * was scheduled for, ms); null when no trigger did (a holder kept the minute, the CLI, a test).
   */
  triggerDelayMs: number | null;
  /**
   * The minute's start minus the moment it was ready to fire (claimed, planned, its first event
   * drawn), ms; negative: it became ready late and its first events fired late. Null in backfill.
   */
  leadMs: number | null;
  /** Users and images created before the minute because its plan had too few to act on. */
  actorsCreated: number;
  /** The stream's configuration version the minute planned with; null when not known. */
  configVersion?: number | null;
}

/** A kind that has seen nothing yet. */
export const zeroCounts = (): KindCounts => ({
  planned: 0,
  skipped: 0,
  sent: 0,
  succeeded: 0,
  failed: 0,
  duplicate: 0,
  retried: 0,
  recovered: 0,
});

const COUNTS = Object.keys(zeroCounts()) as (keyof KindCounts)[];

/** Adds `from`'s counts into `into` (a missing count adds nothing). */
export function addCounts(into: KindCounts, from: Partial<KindCounts>): KindCounts {
  for (const f of COUNTS) into[f] += from[f] ?? 0;
  return into;
}

/** The kinds' counts summed: a minute's totals are the sums of its `byKind`. */
export function totalOf(kinds: Iterable<KindCounts>): KindCounts {
  const total = zeroCounts();
  for (const k of kinds) addCounts(total, k);
  return total;
}

/**
 * A minute's counts, kept as events settle (never a list of events): memory is bounded by the
 * number of kinds, not the rate. A scenario counts into it; `figures()` sums the kinds.
 */
export class MinuteTally {
  private readonly kinds = new Map<string, KindCounts>();
  readonly lateness = new LatenessRecorder();
  readonly recoveredLateness = new LatenessRecorder();
  /** Never dispatched (deadline); also counted as failed in their kind. */
  unsent = 0;
  readonly errors: string[] = [];
  private errorCount = 0;
  private lastError: string | undefined;

  /** `kinds` are listed in the record even when nothing of them happened. */
  constructor(kinds: readonly string[] = []) {
    for (const k of kinds) this.kinds.set(k, zeroCounts());
  }

  kind(kind: string): KindCounts {
    let c = this.kinds.get(kind);
    if (!c) {
      c = zeroCounts();
      this.kinds.set(kind, c);
    }
    return c;
  }

  /**
   * Keeps the first few failures and the latest one, to say why: an outage's first errors say
   * how it began, the latest whether it was still going (or something else took over) at the end.
   */
  error(why: string): void {
    this.errorCount++;
    if (this.errors.length < 4) this.errors.push(why);
    else this.lastError = why;
  }

  figures(): MinuteFigures {
    return {
      ...totalOf(this.kinds.values()),
      unsent: this.unsent,
      lateness: this.lateness.summary(),
      recoveredLateness: this.recoveredLateness.summary(),
      byKind: Object.fromEntries(this.kinds),
      errors:
        this.lastError === undefined
          ? [...this.errors]
          : [
              ...this.errors,
              ...(this.errorCount > 5 ? [`(${this.errorCount - 5} more)`] : []),
              this.lastError,
            ],
    };
  }
}
