import { invalidInput } from "@gg/core/errors";

/** A flag's JSON object (`--settings`, `--profile`), refused with the flag's name otherwise. */
export function jsonObject(flag: string, raw: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw invalidInput(`--${flag} must be a JSON object: ${(e as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidInput(`--${flag} must be a JSON object, got ${raw}`);
  }
  return value as Record<string, unknown>;
}
