import { parseArgs } from "node:util";
import type { Env } from "@gg/core/env";
import { invalidInput } from "@gg/core/errors";
import { type GeneratorSettings, generatorSettingsFromEnv } from "../../generator/index";
import { jsonObject } from "../flags";
import { cliStream, type StreamOverrides } from "./validate";

/** What the command line asks for. */
// The one module of `pnpm generate` that reads its command line and environment (GENERATOR_*,
// DATABASE_URL, API_KEY, KAFKA_*): everything below gets the typed result.

export type CliCommand =
  | { kind: "run"; minutes: number; overrides: StreamOverrides; stream?: string }
  | { kind: "backfill"; from: Date; to: Date; overrides: StreamOverrides; stream?: string }
  | { kind: "help" };

export const USAGE = `usage:
  pnpm generate run [--minutes N]                 N live minutes from the next minute boundary (default 1)
  pnpm generate backfill --from ISO --to ISO      every minute in [from, to), fired at once, oldest first
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
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (values.help || !command) return { kind: "help" };
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
  if (command === "run") {
    const minutes = values.minutes === undefined ? 1 : positive("minutes", values.minutes);
    return { kind: "run", minutes, overrides, stream: values.stream };
  }
  if (command === "backfill") {
    const from = date("from", values.from);
    const to = date("to", values.to);
    if (!(to.getTime() > from.getTime())) throw invalidInput("--to must be after --from");
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
  env: Env,
): { command: CliCommand; settings?: GeneratorSettings } {
  const command = parseCli(argv);
  if (command.kind === "help") return { command };
  const base = generatorSettingsFromEnv(env);
  const stream = cliStream(base.defaultStream, command.overrides, base.rateCeilings);
  if (stream.scenario === "clickstream" && !base.clickstream && !command.stream) {
    throw invalidInput("--scenario clickstream sends to Kafka: set KAFKA_BROKERS");
  }
  const concurrency = command.overrides.concurrency ?? base.concurrency;
  return { command, settings: { ...base, defaultStream: stream, concurrency } };
}
