/**
 * Reading plain environment variables at a deployable's edge: one reader per kind of value, each
 * with one behaviour. Unset and empty read as undefined (the caller names the default); anything
 * else that is not a value of the kind is INVALID_INPUT naming the variable, so a typo fails the
 * start with a message that says what to fix, never silently means the default.
 */
import { invalidInput } from "../errors/index";
import { formatRate, parseRate } from "../rate/index";

/** A name-to-value map as the process environment has it; an empty value counts as unset. */
export type Env = Record<string, string | undefined>;

const ON = ["1", "true", "yes", "on"];
const OFF = ["0", "false", "no", "off"];

/** The value, trimmed; undefined when unset or empty (as shells and .env files write "unset"). */
export function read(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === "" ? undefined : v;
}

/**
 * An on/off variable: `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off` (any case); undefined
 * when unset.
 * Anything else is an error: a typo must never silently mean "off" (or "on").
 */
export function flag(env: Env, name: string): boolean | undefined {
  const v = read(env, name);
  if (v === undefined) return undefined;
  const lower = v.toLowerCase();
  if (ON.includes(lower)) return true;
  if (OFF.includes(lower)) return false;
  throw invalidInput(
    `${name}="${env[name]}" is not on or off: use ${ON.join(", ")} or ${OFF.join(", ")}`,
  );
}

/** A comma-separated list, each item trimmed, empty items dropped; undefined when unset. */
export function list(env: Env, name: string): string[] | undefined {
  const v = read(env, name);
  return v === undefined ? undefined : v.split(",").flatMap((s) => (s.trim() ? [s.trim()] : []));
}

/** One of `allowed`, matched case-insensitively; undefined when unset. */
export function oneOf<const T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const v = read(env, name);
  if (v === undefined) return undefined;
  const found = allowed.find((a) => a === v.toLowerCase());
  if (!found) throw invalidInput(`${name}="${env[name]}" is not one of ${allowed.join(", ")}`);
  return found;
}

/** A whole number within [min, max]; undefined when unset. */
export function int(env: Env, name: string, range: Range = {}): number | undefined {
  return inRange(env, name, range, "a whole number", (v) => /^[+-]?\d+$/.test(v));
}

/** A number (decimals allowed) within [min, max]; undefined when unset. */
export function number(env: Env, name: string, range: Range = {}): number | undefined {
  return inRange(env, name, range, "a number", () => true);
}

type Range = { min?: number; max?: number };

function inRange(
  env: Env,
  name: string,
  range: Range,
  what: string,
  written: (v: string) => boolean,
): number | undefined {
  const v = read(env, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (
    !written(v) ||
    !Number.isFinite(n) ||
    Math.abs(n) > Number.MAX_SAFE_INTEGER ||
    n < min ||
    n > max
  ) {
    const bounds = range.min !== undefined || range.max !== undefined ? ` in [${min}, ${max}]` : "";
    throw invalidInput(`${name}="${v}" is not ${what}${bounds}`);
  }
  return n;
}

/**
 * A rate in events per SECOND, written as the generator's variables always were: a bare number is
 * per hour (`150`), or `N/s`, `N/min`, `N/h`; above `max` (events/s, and why it is the most) is an
 * error. Undefined when unset.
 */
export function rate(
  env: Env,
  name: string,
  range: { max?: number; maxIs?: string } = {},
): number | undefined {
  const v = read(env, name);
  if (v === undefined) return undefined;
  let perSecond: number;
  try {
    perSecond = parseRate(v);
  } catch (e) {
    throw invalidInput(`${name}: ${(e as Error).message}`);
  }
  if (!(perSecond > 0)) throw invalidInput(`${name}="${v}" is not a positive rate`);
  if (range.max !== undefined && perSecond > range.max) {
    throw invalidInput(
      `${name}: ${formatRate(perSecond)} is above the ${formatRate(range.max)} ${range.maxIs ?? "allowed"}`,
    );
  }
  return perSecond;
}

/** An http(s) URL; undefined when unset. */
export function url(env: Env, name: string): string | undefined {
  const v = read(env, name);
  if (v === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw invalidInput(`${name}="${v}" is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw invalidInput(`${name}="${v}" is not an http(s) URL`);
  }
  return v;
}
