/**
 * Rates and durations as people write them (`150` per hour, `10/s`, `600/min`, `90s`): one grammar
 * for requests, stream profiles and variables (`@gg/core/env`'s `rate`).
 */

import { z } from "zod";
import { invalidInput } from "../errors/index";
import { SPACE } from "../fields/index";

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  min: 60,
  m: 60,
  minute: 60,
  h: 3600,
  hr: 3600,
  hour: 3600,
};

/** The longest rate or duration a request or a variable may write ("1000000.25 / minute" fits). */
export const MAX_RATE_CHARS = 40;

// Matched on the trimmed text, with at most one run of spaces between tokens that hold no space:
// no two quantifiers can take the same character, so a failed match is one pass. (`\s*` runs side
// by side, as at either end of the old patterns, backtrack quadratically over a run of spaces.)
const RATE = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?:\s*\/\s*([a-z]+))?$/i;

/**
 * Parses an arrival rate into events per SECOND. A bare number is events per HOUR (the original
 * generator's `GENERATOR_ARRIVAL_RATE` unit); `N/s`, `N/min` and `N/h` name their unit.
 */
export function parseRate(input: string | number): number {
  if (typeof input === "number") return checked(input / 3600, String(input));
  if (input.length > MAX_RATE_CHARS) {
    throw invalidInput(`bad arrival rate: longer than ${MAX_RATE_CHARS} characters`);
  }
  const m = RATE.exec(input.trim());
  const unit = m?.[2]?.toLowerCase() ?? "h";
  const seconds = UNIT_SECONDS[unit];
  if (!m || seconds === undefined) {
    throw invalidInput(
      `bad arrival rate ${JSON.stringify(input)}: expected a number of events per hour ("150") or N/s, N/min, N/h ("10/s", "600/min")`,
    );
  }
  return checked(Number(m[1]) / seconds, input);
}

function checked(perSecond: number, input: string): number {
  if (!Number.isFinite(perSecond) || perSecond < 0) {
    throw invalidInput(`bad arrival rate ${JSON.stringify(input)}: must be a finite rate >= 0`);
  }
  return perSecond;
}

const Text = z.string().max(MAX_RATE_CHARS);

// RATE and DURATION for a document (JSON Schema has no `i` flag, and a Python generator reads \s
// and \d wider than JavaScript does): letters as classes of both cases, spaces as trim() sees them.
const S = `[${SPACE}]*`;
const anyCase = (word: string) =>
  [...word].map((ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`).join("");
const NUMBER = "[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?";
/** RATE as a JSON Schema pattern: a rate string a document allows is one parseRate reads. */
export const RATE_TEXT_PATTERN = `^${S}${NUMBER}(?:${S}/${S}(?:${Object.keys(UNIT_SECONDS).map(anyCase).join("|")}))?${S}$`;
// A duration must be positive: a decimal with a digit other than 0.
const POSITIVE = "(?:[0-9]*[1-9][0-9]*(?:\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)";
const DURATION_DOC = `^${S}${POSITIVE}${S}(?:${["ms", "s", "m", "min", "h"].map(anyCase).join("|")})?${S}$`;

/** A rate as written in configuration (number = per hour, or "N/unit"), parsed to events/second. */
export const RateInput = z
  .union([z.number(), Text])
  .transform((value, ctx) => {
    try {
      return parseRate(value);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
      return z.NEVER;
    }
  })
  // What a document can say; a number or text too large to be finite is still refused.
  .meta({
    anyOf: [
      { type: "number", minimum: 0 },
      { type: "string", maxLength: MAX_RATE_CHARS, pattern: RATE_TEXT_PATTERN },
    ],
  });

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/i;
const DURATION_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

// The most seconds whose milliseconds are still a finite number.
const MAX_DURATION_SECONDS = Number.MAX_VALUE / 1000;

/** A duration as written in configuration (number = seconds, or "90s", "15m", "2h"), in ms. */
export const DurationInput = z
  .union([z.number(), Text])
  .transform((value, ctx) => {
    const m = typeof value === "number" ? null : DURATION.exec(value.trim());
    const ms =
      typeof value === "number"
        ? value * 1000
        : m
          ? Number(m[1]) * (DURATION_MS[(m[2] ?? "s").toLowerCase()] ?? Number.NaN)
          : Number.NaN;
    if (!(Number.isFinite(ms) && ms > 0)) {
      ctx.addIssue({
        code: "custom",
        message: `bad duration ${JSON.stringify(value)}: expected seconds or "90s", "15m", "2h"`,
      });
      return z.NEVER;
    }
    return ms;
  })
  .meta({
    anyOf: [
      { type: "number", exclusiveMinimum: 0, maximum: MAX_DURATION_SECONDS },
      { type: "string", maxLength: MAX_RATE_CHARS, pattern: DURATION_DOC },
    ],
  });

/** The patterns, for the test that holds them to linear time on inputs far past the caps. */
export const RATE_PATTERNS = { rate: RATE, duration: DURATION } as const;

/** A rate as written, its unit explicit: a bare number (per hour) gets `/h`; anything else stays. */
export function explicitRate(text: string): string {
  const m = RATE.exec(text.trim());
  return m && m[2] === undefined ? `${m[1]}/h` : text;
}

/** "2,000 events/s" (or per minute/hour when that reads better). */
export function formatRate(perSecond: number): string {
  const n = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 6 });
  if (perSecond >= 1) return `${n(perSecond)} events/s`;
  if (perSecond * 60 >= 1) return `${n(perSecond * 60)} events/min`;
  return `${n(perSecond * 3600)} events/h`;
}
