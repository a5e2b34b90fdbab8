import { z } from "zod";

/**
 * Request fields whose JSON Schema says exactly what they accept, both ways: the OpenAPI
 * documents are fuzzed against the API (schemathesis sends what the schema allows and expects it
 * taken, and what it forbids and expects it refused). zod-to-openapi writes only `format` for
 * uuids and datetimes, which accept more than zod does, so the patterns are spelt out here.
 * Patterns say `[0-9]`, never `\d`: a Python generator reads `\d` as any Unicode digit.
 */

/** A UUID as zod checks it (RFC 9562 versions 1 to 8, or the nil and max UUIDs). */
export const Uuid = () => z.uuid().meta({ pattern: z.regexes.uuid().source });

// Years 0001 to 9999 (Postgres has no year 0), and Feb 29 in leap years only.
const YEAR = "(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})";
const LEAP_YEAR =
  "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)";
const MONTH_DAY =
  "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))";
// Postgres refuses a UTC offset of 16 hours or more ("time zone displacement out of range").
const DATE_TIME = new RegExp(
  `^(?:${LEAP_YEAR}-02-29|${YEAR}-${MONTH_DAY})T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?(?:Z|[+-](?:0[0-9]|1[0-5]):[0-5][0-9])$`,
);

/**
 * An ISO-8601 date-time a timestamptz column stores: seconds, an optional fraction, `Z` or a
 * `±hh:mm` offset under 16 hours, a year from 0001 to 9999.
 */
export const DateTime = () =>
  z.string().regex(DATE_TIME, "Invalid ISO datetime").meta({ format: "date-time" });

/** What String.prototype.trim removes (ECMAScript's WhiteSpace and LineTerminator), as a class body. */
export const SPACE =
  "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character refused
const NO_NUL = /^[^\u0000]*$/;

/** Characters as Postgres and JSON Schema count them (code points), not UTF-16 units as zod. */
const chars = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * A string for a Postgres text column: no NUL character (Postgres cannot store one), between
 * `min` (default 0) and `max` characters. With `trim`, surrounding whitespace is removed after the
 * length is checked, and what is left must not be empty.
 */
export function text(o: { max: number; min?: number; trim?: boolean }) {
  const min = o.min ?? 0;
  const counted = z
    .string()
    .regex(NO_NUL, "must not contain a NUL character")
    .superRefine((s, ctx) => {
      const n = chars(s);
      if (n > o.max)
        ctx.addIssue({
          code: "too_big",
          origin: "string",
          maximum: o.max,
          inclusive: true,
          input: s,
          message: `Too big: expected string to have <=${o.max} characters`,
        });
      if (n < min)
        ctx.addIssue({
          code: "too_small",
          origin: "string",
          minimum: min,
          inclusive: true,
          input: s,
          message: `Too small: expected string to have >=${min} characters`,
        });
    });
  if (!o.trim) {
    return counted.meta({ pattern: NO_NUL.source, maxLength: o.max, minLength: min || undefined });
  }
  return counted
    .trim()
    .refine((s) => s.length > 0, { message: "must not be blank" })
    .meta({ pattern: `^[^\\u0000]*[^\\u0000${SPACE}][^\\u0000]*$`, maxLength: o.max });
}

/**
 * A schema's JSON Schema as zod itself writes it, for a document: exact where zod-to-openapi is
 * not (tuples get their length, integers their safe range, strict objects `additionalProperties:
 * false`). Refinements are left out; `.meta()` it back onto the schema, with what a refinement
 * can say in JSON Schema beside it.
 */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return rest;
}

/**
 * JSON Schema for "not all of these are 0": the `keys` of the object at `path` (each given, each
 * 0; with `field`, each an object whose `field` is given and 0). Where every default is positive,
 * that is exactly "the merged values are all 0".
 */
export function notAllZero(path: readonly string[], keys: readonly string[], field?: string) {
  const zero = field ? { required: [field], properties: { [field]: { const: 0 } } } : { const: 0 };
  const zeros = {
    required: [...keys],
    properties: Object.fromEntries(keys.map((k) => [k, zero])),
  };
  const at = path.reduceRight<Record<string, unknown>>(
    (inner, key) => ({ required: [key], properties: { [key]: inner } }),
    zeros,
  );
  return { not: at };
}
