import { parseArgs } from "node:util";
import type { Env } from "@gg/core/env";
import { invalidInput } from "@gg/core/errors";
import { type GeneratorSettings, generatorSettingsFromEnv } from "../../generator/index";
import { SHAPE_TABLES, type ShapeTable } from "../../scenarios/gourmetgram/shape";
import { MAX_PLAN_LIMIT, type PatchStream, PlanMinute } from "../../streams/index";
import { jsonObject } from "../flags";
import { patchOf } from "./patch";
import { withReplay } from "./replay-flags";
import { cliStream, type StreamOverrides } from "./validate";

/** What the command line asks for. */
// The one module of `pnpm generate` that reads its command line and environment (GENERATOR_*,
// DATABASE_URL, API_KEY, KAFKA_*): everything below gets the typed result.

export type CliCommand =
  | { kind: "run"; minutes: number; overrides: StreamOverrides; stream?: string }
  | { kind: "backfill"; from: Date; to: Date; overrides: StreamOverrides; stream?: string }
  | { kind: "patch"; stream: string; patch: PatchStream }
  | { kind: "plan"; minute: Date; limit: number; overrides: StreamOverrides; stream?: string }
  | { kind: "shape"; from: Date; to: Date; table: ShapeTable; out?: string }
  | { kind: "help" };

export const USAGE = `usage:
  pnpm generate run [--minutes N]                 N live minutes from the next minute boundary (default 1)
  pnpm generate backfill --from ISO --to ISO      every minute in [from, to), fired at once, oldest first
  pnpm generate shape --from ISO --to ISO [--table T] [--out F]
                                                  the platform's events per minute as a minute,count CSV
                                                  (T: events (default) | users | uploads | views | comments | flags)
  pnpm generate plan --minute ISO [--limit N]      preview a minute (what run/backfill would fire), firing nothing
  pnpm generate patch <stream_id> [--rate R] [--mix M] [--mode M] [--profile JSON] [--settings JSON]
                      [--max-count N|none] [--duration S|none] [--ends-at ISO|none]
                                                  change a running stream from its first minute not yet prepared
options:
  --rate R        events per hour ("150"), or N/s, N/min (default GENERATOR_ARRIVAL_RATE)
  --seed S        the stream's seed (default GENERATOR_SEED, else the stream id)
  --mix M         uniform | realistic | view=68,comment=20,... (default GENERATOR_MIX)
  --mode M        poisson | simulate_viral
  --concurrency N requests in flight at most (default GENERATOR_CONCURRENCY, 64)
  --scenario S    gourmetgram (default) | clickstream (needs KAFKA_BROKERS)
  --data-type T   clickstream records: users | products | interactions (default) | sessions
  --profile JSON  rate shape, as /stream/start's profile: '{"daily":true}'
  --settings JSON the scenario's settings, as /stream/start's settings:
                  '{"segments":{"premium":{"share":0.2}}}', '{"testAccountRate":0}'
  --stream ID     run an existing stream instead of the CLI's own
  --replay F      replay a minute,count CSV (from \`shape\`) from the first minute run or backfilled;
                  --loop repeats it, --scale X multiplies it, --exact fires each count exactly
Every setting is checked before anything runs: a bad one is one line on stderr and exit code 2.
A minute that already ran (for that stream) is skipped, so re-running a command is harmless.`;

/** Parses argv (without node and script). */
function parseCli(argv: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      minutes: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      rate: { type: "string" },
      seed: { type: "string" },
      mix: { type: "string" },
      mode: { type: "string" },
      concurrency: { type: "string" },
      scenario: { type: "string" },
      "data-type": { type: "string" },
      profile: { type: "string" },
      settings: { type: "string" },
      stream: { type: "string" },
      "max-count": { type: "string" },
      duration: { type: "string" },
      "ends-at": { type: "string" },
      minute: { type: "string" },
      limit: { type: "string" },
      replay: { type: "string" },
      loop: { type: "boolean" },
      scale: { type: "string" },
      exact: { type: "boolean" },
      table: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (values.help || !command) return { kind: "help" };
  if (command === "patch") {
    const stream = positionals[1];
    if (!stream) throw invalidInput(`patch needs the stream's id\n${USAGE}`);
    // A stream keeps its scenario and seed (its plan's identity); the rest are `run`'s.
    for (const flag of ["seed", "scenario", "data-type", "concurrency", "stream"] as const) {
      if (values[flag] !== undefined)
        throw invalidInput(`--${flag} is not something patch changes`);
    }
    const profile =
      values.profile === undefined ? undefined : jsonObject("profile", values.profile);
    const settings =
      values.settings === undefined ? undefined : jsonObject("settings", values.settings);
    return { kind: "patch", stream, patch: patchOf({ ...values, profile, settings }) };
  }
  const mode = values.mode;
  if (mode !== undefined && mode !== "poisson" && mode !== "simulate_viral") {
    throw invalidInput(`--mode must be poisson or simulate_viral, got ${mode}`);
  }
  const overrides: StreamOverrides = {
    rate: values.rate,
    seed: values.seed,
    mix: values.mix,
    mode,
    concurrency:
      values.concurrency === undefined ? undefined : positive("concurrency", values.concurrency),
    scenario: values.scenario,
    dataType: values["data-type"],
    profile: values.profile === undefined ? undefined : jsonObject("profile", values.profile),
    settings: values.settings === undefined ? undefined : jsonObject("settings", values.settings),
  };
  if (command === "shape") {
    const from = date("from", values.from);
    const to = date("to", values.to);
    if (!(to.getTime() > from.getTime())) throw invalidInput("--to must be after --from");
    const table = (values.table ?? "events") as ShapeTable;
    if (!SHAPE_TABLES.includes(table)) {
      throw invalidInput(`--table must be one of ${SHAPE_TABLES.join(", ")}`);
    }
    return { kind: "shape", from, to, table, out: values.out };
  }
  if (command === "run") {
    const minutes = values.minutes === undefined ? 1 : positive("minutes", values.minutes);
    const first = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    overrides.profile = withReplay(overrides.profile, values, first);
    return { kind: "run", minutes, overrides, stream: values.stream };
  }
  if (command === "plan") {
    const minute = PlanMinute.safeParse(values.minute);
    if (!minute.success) throw invalidInput("--minute needs an ISO time, e.g. 2026-12-01T10:00Z");
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PLAN_LIMIT) {
      throw invalidInput(`--limit must be an integer from 0 to ${MAX_PLAN_LIMIT}`);
    }
    const at = new Date(Date.parse(minute.data));
    return { kind: "plan", minute: at, limit, overrides, stream: values.stream };
  }
  if (command === "backfill") {
    const from = date("from", values.from);
    const to = date("to", values.to);
    if (!(to.getTime() > from.getTime())) throw invalidInput("--to must be after --from");
    overrides.profile = withReplay(overrides.profile, values, from);
    return { kind: "backfill", from, to, overrides, stream: values.stream };
  }
  throw invalidInput(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
}

function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw invalidInput(`--${name} must be a positive integer`);
  return n;
}

function date(name: string, raw: string | undefined): Date {
  const d = raw === undefined ? Number.NaN : Date.parse(raw);
  if (Number.isNaN(d)) throw invalidInput(`--${name} needs an ISO time, e.g. 2026-11-23T10:00Z`);
  return new Date(d);
}

/**
 * The command and its settings, every one checked: the env's stream (GENERATOR_*) with the flags
 * applied, as `POST /stream/start` checks one. Throws INVALID_INPUT (or a zod error) naming what is
 * wrong; `configErrorLine` turns it into the one line the CLI prints.
 */
export function loadGenerateConfig(
  argv: readonly string[],
  env: Env = process.env,
): { command: CliCommand; settings?: GeneratorSettings } {
  const command = parseCli(argv);
  if (command.kind === "help") return { command };
  const base = generatorSettingsFromEnv(env);
  if (command.kind === "patch" || command.kind === "shape") return { command, settings: base };
  const stream = cliStream(base.defaultStream, command.overrides, base.rateCeilings);
  if (stream.scenario === "clickstream" && !base.clickstream && !command.stream) {
    throw invalidInput("--scenario clickstream sends to Kafka: set KAFKA_BROKERS");
  }
  const concurrency = command.overrides.concurrency ?? base.concurrency;
  return { command, settings: { ...base, defaultStream: stream, concurrency } };
}
