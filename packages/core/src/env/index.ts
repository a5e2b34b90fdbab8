/**
 * Reading plain environment variables at a deployable's edge. Each parser names the variable in
 * its error, so a typo fails the start with a message that says what to fix.
 */

/** A name-to-value map as `process.env` has it; an empty value counts as unset. */
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
  throw new Error(
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
  if (!found) throw new Error(`${name}="${env[name]}" is not one of ${allowed.join(", ")}`);
  return found;
}

/** A whole number within [min, max]; undefined when unset. */
export function int(
  env: Env,
  name: string,
  range: { min?: number; max?: number } = {},
): number | undefined {
  const v = read(env, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
    const bounds = range.min !== undefined || range.max !== undefined ? ` in [${min}, ${max}]` : "";
    throw new Error(`${name}="${v}" is not a whole number${bounds}`);
  }
  return n;
}
