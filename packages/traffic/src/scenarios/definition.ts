import { invalidInput } from "@gg/core/errors";
import { formatRate } from "@gg/core/rate";
import type { z } from "zod";
import type { FirehoseSource } from "../firehose/source";
import { peakRate, type RateSchedule } from "../rates/index";
import type { StreamRequest } from "../streams/request";

/**
 * What a scenario declares before anything runs: its name, what `settings` means in its streams,
 * its rate ceiling and how a stream of it is admitted. The registry (`scenarios/index.ts`) lists
 * the definitions; the stream schema, the admission checks and the ceilings are derived from it,
 * so adding a scenario is adding a definition (and its plug-in for the minute engine).
 */
export interface ScenarioDefinition<
  N extends string = string,
  F extends z.ZodRawShape = z.ZodRawShape,
> {
  readonly name: N;
  /** A stream's `settings` in this scenario (strict: a misspelt key is a 422). */
  readonly settings: z.ZodType;
  /** The settings schema's name in the OpenAPI document. */
  readonly settingsTitle: string;
  /** Top-level request keys only this scenario takes: another scenario's stream refuses them. */
  readonly ownKeys: readonly (keyof StreamRequest)[];
  /** Own keys that choose this scenario when the request names none. */
  readonly impliedBy?: readonly (keyof StreamRequest)[];
  /**
   * JSON Schema of own keys the request's schema takes loosely (a record, any text) and `check`
   * reads strictly, for the OpenAPI document to state what `check` accepts.
   */
  readonly document?: Partial<Record<keyof StreamRequest, Record<string, unknown>>>;
  /** The most this deployment fires per stream: the variable that sets it, its default, where. */
  readonly ceiling: { variable: string; perSecond: number; source: string };
  /**
   * Checks a start as this scenario's runner will read it, stricter than the runner (keys it would
   * ignore are refused), and against `ceiling` (events/s). Throws INVALID_INPUT located in the body.
   */
  check(input: StreamRequest, ceiling: number): void;
  /** The highest rate (events/s) a valid stream fires in any minute; 0 for one that does not parse. */
  peakRate(input: StreamRequest): number;
  /** What the running streams of this scenario hold together in one generator, when bounded. */
  readonly memory?: {
    budget: number;
    bytes(input: StreamRequest): number;
    /** The 409's words when `running` + `own` bytes would pass the budget. */
    refusal(running: number, own: number): string;
  };
  /** Its records straight into Kafka, at the machine's top rate (`pnpm firehose`). */
  readonly firehose: FirehoseSource<F>;
}

type Loc = (string | number)[];

/** RateSchedule's `base` is the request's `rate`; its other keys come from `profile`. */
export const ratePath = (path: Loc): Loc => (path[0] === "base" ? ["rate"] : ["profile", ...path]);

/** Throws a failed parse's first issue as INVALID_INPUT, located in the body by `locate`. */
export function located(result: z.ZodSafeParseResult<unknown>, locate: (path: Loc) => Loc): void {
  if (result.success) return;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p));
  throw invalidInput(issue?.message ?? "invalid stream configuration", {
    loc: ["body", ...locate(path)],
  });
}

/** Refuses the first key of `value` that is not in `known`, located at `at`. */
export function refuseUnknownKeys(value: object, known: string[], at: Loc, what: string): void {
  const extra = Object.keys(value).find((k) => !known.includes(k));
  if (extra !== undefined) {
    throw invalidInput(`unknown key in ${what}: "${extra}" (known: ${known.join(", ")})`, {
      loc: ["body", ...at, extra],
    });
  }
}

/**
 * Refuses a stream whose peak (the schedule's, plus `extraPerSecond` fired beside it) is above
 * `ceiling`, located where the caller can lower it.
 */
export function checkCeiling(
  definition: Pick<ScenarioDefinition, "name" | "ceiling">,
  schedule: RateSchedule | null,
  extraPerSecond: number,
  ceiling: number,
): void {
  const base = schedule
    ? schedule.ramp
      ? Math.max(schedule.ramp.from, schedule.ramp.to)
      : schedule.base
    : 0;
  const peak = (schedule ? peakRate(schedule) : 0) + extraPerSecond;
  if (peak <= ceiling) return;
  const loc: Loc =
    extraPerSecond > ceiling
      ? ["viral"]
      : schedule?.replay
        ? ["profile", "replay"]
        : schedule?.ramp
          ? ["profile", "ramp"]
          : base + extraPerSecond > ceiling
            ? ["rate"]
            : ["profile"];
  throw invalidInput(
    `rate too high: this stream would fire up to ${formatRate(peak)}, above the ${formatRate(ceiling)} ` +
      `this deployment fires per ${definition.name} stream (${definition.ceiling.source})`,
    { loc: ["body", ...loc] },
  );
}
