import type { Pool } from "@gg/core/db";
import { invalidInput } from "@gg/core/errors";
import type { RateCeilings } from "../../scenarios/index";
import * as Streams from "../../streams/index";

/** The flags of `pnpm generate patch <stream_id>`, as parseArgs reads them. */
export interface PatchFlags {
  rate?: string;
  mix?: string;
  mode?: string;
  profile?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  "max-count"?: string;
  duration?: string;
  "ends-at"?: string;
}

// "none" clears a budget or an end, as `null` does in the PATCH body.
const orNull = (raw: string, read: (raw: string) => unknown) => (raw === "none" ? null : read(raw));

/**
 * The PATCH body the flags describe, checked by `/stream/{id}`'s schema (a bare `--rate` number is
 * per hour, as `run` reads it). Throws INVALID_INPUT located at the flag's key.
 */
export function patchOf(flags: PatchFlags): Streams.PatchStream {
  const rate =
    flags.rate && /^\s*[\d.]+\s*$/.test(flags.rate) ? `${flags.rate.trim()}/h` : flags.rate;
  const body: Record<string, unknown> = {
    rate,
    mix: flags.mix,
    mode: flags.mode,
    profile: flags.profile,
    settings: flags.settings,
    max_count: flags["max-count"] === undefined ? undefined : orNull(flags["max-count"], Number),
    duration: flags.duration === undefined ? undefined : orNull(flags.duration, Number),
    ends_at: flags["ends-at"] === undefined ? undefined : orNull(flags["ends-at"], String),
  };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  const parsed = Streams.PatchStream.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(issue?.message ?? "invalid change", {
      loc: ["body", ...(issue?.path ?? []).map(String)],
    });
  }
  return parsed.data;
}

/**
 * Changes a running stream in the database, as PATCH /stream/{id} does (under the rule's lock, the
 * capacity checked with the stream at its new rate), and says from which minute.
 */
export async function patchStream(
  pool: Pool,
  streamId: string,
  patch: Streams.PatchStream,
  ceilings: RateCeilings,
): Promise<string> {
  const { result } = await Streams.withRuleSync(pool, null, null, (tx) =>
    Streams.change(tx, streamId, patch, ceilings),
  );
  return `stream ${streamId}: version ${result.version}, from minute ${result.effective_minute} (the first not yet prepared)`;
}
