import type { Queryable } from "@gg/core/sql";
import type { Clock } from "@gg/core/time";
import type { z } from "zod";
import type { Stream } from "../streams/index";
import type { MinuteFrame } from "./frame";
import type { MinuteTally } from "./record";

/**
 * The part of a minute one invocation fires: events whose index `i` has `i % count === index`.
 * One process fires the whole minute (0 of 1); shards split it without overlap, each recording
 * its own tally. With `range`, the slice is a wake window instead (window `index` of `count`): the
 * events `from <= i < to` of the minute planned whole, so it fires exactly what an unsplit minute
 * would have fired at those times.
 */
export interface Slice {
  index: number;
  count: number;
  range?: IndexRange;
}

/** Indices `from <= i < to` of a minute's plan. */
interface IndexRange {
  from: number;
  to: number;
  /** The first event's offset into the minute (ms): a window's lead is measured to it. */
  startMs?: number;
}

export const WHOLE: Slice = { index: 0, count: 1 };

/** What a scenario gets to prepare one minute of one stream. */
export interface ScenarioMinute<S> {
  stream: Pick<Stream, "stream_id" | "config" | "started_at">;
  /** The stream's stored configuration, parsed by the scenario's `config` schema. */
  config: S;
  /** The stream's seed (its configured one, else its id). */
  seed: string | number;
  /** The minute's start (UTC). */
  minute: Date;
  /** `backfill` fires a past minute at once (state: everything that exists now). */
  mode: "live" | "backfill";
  /** The database the minute is recorded in; none in pure runs. */
  db?: Queryable;
  /** Events the stream may still send (Infinity without `max_count`). */
  budget: number;
  slice: Slice;
  /** Where the scenario counts what its events became. */
  tally: MinuteTally;
  onProgress?: (settled: number, total: number) => void;
}

/** A minute made ready to fire: its slow parts (state, world, pickers) done, its events not drawn. */
export interface PreparedMinute {
  /** λ × 60: the events the minute was expected to have. */
  expected: number;
  /**
   * Draws the events in time order and fires each when due on `frame`, counting into the tally;
   * resolves once every event it fired has settled.
   */
  fire(frame: MinuteFrame, clock: Clock): Promise<void>;
}

/**
 * A scenario plugs into the minute engine: the engine claims, frames, records, saves and logs the
 * minute; the scenario prepares it (before the frame starts, so a compressed minute does not count
 * preparation as lateness) and fires it.
 */
export interface Scenario<S = unknown> {
  /** Its definition's name (`scenarios/index.ts`): the streams it runs are of this scenario. */
  readonly name: string;
  /** Kinds listed in every record of the scenario, even at zero. */
  readonly kinds: readonly string[];
  /** A stream's stored configuration (`stream.config`), as this scenario reads it. */
  readonly config: z.ZodType<S>;
  prepare(minute: ScenarioMinute<S>): Promise<PreparedMinute>;
  /**
   * Before any stream's minute is planned: create what the minute's plan needs to act on when the
   * world it reads is too small (a new stream on an empty database), stamped so that this minute
   * and later ones see it and no earlier minute's replay does. Returns how many it created.
   */
  ensureActors?(minute: { seed: string | number; minute: Date; db: Queryable }): Promise<number>;
  /**
   * The minute's size before anything is prepared: λ × 60 and the plan's event count (the count
   * shards split by index). Cheap (no state, no payloads). Absent: the minute is never split.
   */
  size?(minute: { config: S; seed: string | number; minute: Date }): {
    expected: number;
    count: number;
  };
  /**
   * The minute's event offsets (ms into the minute), in index order, without state or payloads:
   * where its wake windows fall. Absent: the scenario's minutes are never woken, only held.
   */
  offsets?(minute: { config: S; seed: string | number; minute: Date }): number[];
  /** Releases what the scenario holds (a producer, a connection pool). */
  close?(): Promise<void>;
}

/** Scenarios by name; a stream of a scenario without one fails its minutes, loudly. */
export type ScenarioRegistry = Readonly<Record<string, Scenario | undefined>>;
