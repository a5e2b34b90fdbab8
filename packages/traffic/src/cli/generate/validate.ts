import { invalidInput, isAppError } from "@gg/core/errors";
import { parseSeed } from "@gg/core/random";
import { explicitRate } from "@gg/core/rate";
import { z } from "zod";
import type { RateCeilings } from "../../scenarios/index";
import * as Streams from "../../streams/index";

/** Flags that change the CLI stream's configuration (env GENERATOR_* otherwise). */
export interface StreamOverrides {
  rate?: string;
  seed?: string;
  mix?: string;
  mode?: "poisson" | "simulate_viral";
  concurrency?: number;
  scenario?: string;
  dataType?: string;
  /** JSON objects, checked with the stream's schema (`/stream/start`'s `profile`, `settings`). */
  profile?: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

/**
 * The CLI stream's configuration: the env's stream (GENERATOR_*) with the flags applied, checked
 * as `POST /stream/start` checks it (schemas, then the rate ceiling), so a bad setting fails
 * before the CLI waits for a minute boundary or opens a connection. Throws INVALID_INPUT.
 */
export function cliStream(
  base: Streams.StartStream,
  o: StreamOverrides,
  ceilings: RateCeilings,
): Streams.StartStream {
  const rate = o.rate === undefined ? undefined : explicitRate(o.rate);
  const clickstream = (o.scenario ?? base.scenario) === "clickstream" || o.dataType !== undefined;
  // The env's GourmetGram behaviour (mix, mode, viral) does not apply to a clickstream stream.
  const { mix, mode, viral, ...common } = base;
  const parsed = Streams.StartStream.safeParse({
    ...common,
    ...(clickstream ? {} : { mix, mode, viral }),
    ...(o.scenario ? { scenario: o.scenario } : {}),
    ...(clickstream ? { scenario: "clickstream", data_type: o.dataType ?? "interactions" } : {}),
    ...(rate ? { rate } : {}),
    ...(o.seed ? { seed: parseSeed(o.seed) } : {}),
    ...(o.mix ? { mix: o.mix } : {}),
    ...(o.mode ? { mode: o.mode } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
    ...(o.settings ? { settings: o.settings } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(issue?.message ?? "invalid", {
      loc: ["body", ...(issue?.path ?? []).map(String)],
    });
  }
  Streams.validateStart(parsed.data, ceilings);
  return parsed.data;
}

// Where a located problem came from: the flag, or the variable behind the default.
const SOURCES: Record<string, string> = {
  rate: "--rate (GENERATOR_ARRIVAL_RATE)",
  mix: "--mix (GENERATOR_MIX)",
  mode: "--mode (GENERATOR_MODE)",
  seed: "--seed (GENERATOR_SEED)",
  viral: "GENERATOR_TARGET_IMAGE_ID / GENERATOR_BURST_*",
  scenario: "--scenario",
  data_type: "--data-type",
  profile: "--profile",
  settings: "--settings",
};

/**
 * A configuration error as one line (what is wrong, and where to fix it); null when `e` is not one
 * (a failure while running, which keeps its own report).
 */
export function configErrorLine(e: unknown): string | null {
  if (e instanceof z.ZodError) {
    const issue = e.issues[0];
    return `${issue?.path.map(String).join(".") || "settings"}: ${issue?.message ?? "invalid"}`;
  }
  if (isAppError(e) && e.code === "INVALID_INPUT") {
    const loc = (e.loc ?? []).map(String);
    const [, key, ...rest] = loc[0] === "body" ? loc : ["body", ...loc];
    const where = key ? `${SOURCES[key] ?? key}${rest.length ? ` ${rest.join(".")}` : ""}: ` : "";
    return `${where}${e.message.split("\n")[0]}`;
  }
  // node:util parseArgs: an unknown flag or a flag without its value.
  if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) {
    return e.message;
  }
  return null;
}
