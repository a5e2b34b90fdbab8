import { invalidInput } from "@gg/core/errors";
import { jsonSchemaOf } from "@gg/core/fields";
import { z } from "zod";
import type { RateCeilings } from "../scenarios/index";
import { StreamRequestFields } from "./request";
import { SettingsField, START_DOCUMENT, StartStream, type Stream } from "./schema";
import { propertiesOf } from "./start-document";
import { validateStart } from "./validate";

const { rate, profile, mix, mode, viral, max_count, duration } = StreamRequestFields;

// zod's own pattern for the document, its digits spelt out: a Python generator reads \d wider.
const EndsAt = z.iso.datetime({ offset: true });
const ENDS_AT_PATTERN = String(jsonSchemaOf(EndsAt).pattern).replaceAll("\\d", "[0-9]");

/**
 * PATCH /stream/{id}: the keys of a running stream that may change, each with `/stream/start`'s
 * own schema (strict: another key, `seed` or `scenario` included, is a located 422). A key replaces
 * its whole value (`profile`, `settings` and `mix` are not merged key by key); `null` clears
 * `max_count`, `duration` or `ends_at`. `ends_at` is `duration` counted from the stream's start.
 */
const PatchFields = z.strictObject({
  rate: rate.unwrap().optional(),
  profile,
  mix,
  mode,
  viral,
  settings: SettingsField,
  max_count: max_count.unwrap().nullable().optional(),
  duration: duration.unwrap().nullable().optional(),
  ends_at: EndsAt.meta({ pattern: ENDS_AT_PATTERN }).nullable().optional(),
});

// The document: the start document's shapes of the keys a start has, at least one key, and not
// both `ends_at` and `duration`.
const fields = jsonSchemaOf(PatchFields);
const start = propertiesOf(START_DOCUMENT);
const PATCH_DOCUMENT = {
  ...fields,
  properties: Object.fromEntries(
    Object.entries(propertiesOf(fields)).map(([k, v]) => [
      k,
      k in start && k !== "max_count" && k !== "duration" ? start[k] : v,
    ]),
  ),
  minProperties: 1,
  not: { required: ["ends_at", "duration"] },
};

export const PatchStream = PatchFields.superRefine((p, ctx) => {
  if (Object.keys(p).length === 0) {
    ctx.addIssue({
      code: "custom",
      message: "nothing to change: name at least one key",
      path: [],
    });
  }
  if (p.ends_at !== undefined && p.duration !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: "give ends_at or duration, not both",
      path: ["ends_at"],
    });
  }
}).meta(PATCH_DOCUMENT);
export type PatchStream = z.infer<typeof PatchStream>;

/**
 * The stream's configuration with `patch` applied, checked exactly as a start is (the schema, then
 * `validateStart` with the rate ceiling), so a change that would not start is refused. Throws
 * INVALID_INPUT located in the request body.
 */
export function patchedConfig(
  stream: Pick<Stream, "config" | "started_at">,
  patch: PatchStream,
  ceilings: RateCeilings,
): StartStream {
  const next: Record<string, unknown> = { ...stream.config };
  const { ends_at, ...rest } = patch;
  for (const [key, value] of Object.entries(rest)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (ends_at === null) delete next.duration;
  else if (ends_at !== undefined) {
    const seconds = (Date.parse(ends_at) - Date.parse(stream.started_at)) / 1000;
    if (!(seconds > 0)) {
      throw invalidInput("ends_at must be after the stream's start", { loc: ["body", "ends_at"] });
    }
    next.duration = seconds;
  }
  const parsed = StartStream.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((p) => (typeof p === "number" ? p : String(p)));
    const at = ends_at !== undefined && path[0] === "duration" ? ["ends_at"] : path;
    throw invalidInput(issue?.message ?? "invalid stream configuration", {
      loc: ["body", ...at],
    });
  }
  validateStart(parsed.data, ceilings);
  return parsed.data;
}
