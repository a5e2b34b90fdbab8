import { parseArgs } from "node:util";
import type { Env } from "@gg/core/env";
import { type KafkaConnection, kafkaFromEnv } from "@gg/core/kafka";
import { parseSeed } from "@gg/core/random";
import { FirehoseOptions, type FirehoseOptionsInput } from "../../firehose/index";
import { jsonObject } from "../flags";

// The one module of `pnpm firehose` that reads its command line and environment (KAFKA_*).

export const USAGE = `usage: tsx packages/traffic/src/cli/firehose/main.ts [options]
  --scenario clickstream|gourmetgram   (default clickstream)
  --duration <s>        stop after this many seconds (default 10 unless --count)
  --count <n>           stop after this many events
  --rate <n>|max        target events/s over all lanes (default max)
  --batch <n>           records per batch (default 1000)
  --linger <ms>         longest wait for a batch to fill at a target rate (default 20)
  --in-flight <n>       unacknowledged batches per lane (default 8)
  --compression none|gzip|snappy|lz4   (default none)
  --threads <n>         generating worker lanes, sharing one sender thread;
                        0 = one lane on the main thread (default 1)
  --partitions <n>      partitions of topics the run creates (default 6)
  --seed <s>            seed (default random, printed)
  --topic kind=name     topic for a kind, repeatable (e.g. interactions=cs.interactions)
  --kinds a,b           clickstream kinds to emit (users,products,interactions,sessions)
  --mix kind=w,...      gourmetgram weights (uploads,views,comments,flags)
  --settings <json>     clickstream settings, as /stream/start's (segments, prices, world sizes, ...)
  --report-memory       sample RSS: start, end and peak in the summary
env: KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_SSL, KAFKA_SASL_MECHANISM, KAFKA_USERNAME,
     KAFKA_PASSWORD (as for the API)
`;

// The flag behind each option, so a bad value is reported as the user wrote it.
const FLAGS: Record<string, string> = {
  durationSec: "--duration",
  batchSize: "--batch",
  lingerMs: "--linger",
  maxInFlight: "--in-flight",
  topics: "--topic",
};

/**
 * Parses the CLI's flags into firehose options, checked against the options schema at once:
 * `{ error }` is one line naming the flag.
 */
export function parseCliArgs(
  argv: string[],
): { options: FirehoseOptionsInput; reportMemory: boolean } | { error: string } | { help: true } {
  try {
    const { values: v } = parseArgs({
      args: argv,
      options: {
        scenario: { type: "string", default: "clickstream" },
        duration: { type: "string" },
        count: { type: "string" },
        rate: { type: "string" },
        batch: { type: "string" },
        linger: { type: "string" },
        "in-flight": { type: "string" },
        compression: { type: "string" },
        threads: { type: "string" },
        partitions: { type: "string" },
        seed: { type: "string" },
        topic: { type: "string", multiple: true },
        kinds: { type: "string" },
        mix: { type: "string" },
        settings: { type: "string" },
        "report-memory": { type: "boolean", default: false },
        help: { type: "boolean" },
      },
    });
    if (v.help) return { help: true };
    const num = (flag: string) => {
      const s = (v as Record<string, unknown>)[flag] as string | undefined;
      if (s === undefined) return undefined;
      const n = Number(s);
      if (s.trim() === "" || !Number.isFinite(n)) {
        throw new Error(`--${flag}: expected a number, got ${JSON.stringify(s)}`);
      }
      return n;
    };
    const pairs = (list: string[]) =>
      Object.fromEntries(
        list.map((p) => {
          const [k, val] = p.split("=");
          if (!k || val === undefined) throw new Error(`expected kind=value, got ${p}`);
          return [k.trim(), val.trim()];
        }),
      );
    const mix = v.mix
      ? Object.fromEntries(
          Object.entries(pairs(v.mix.split(","))).map(([k, w]) => {
            if (w === "" || !Number.isFinite(Number(w))) {
              throw new Error(`--mix: expected kind=number, got ${k}=${w}`);
            }
            return [k, Number(w)];
          }),
        )
      : undefined;
    const options = {
      scenario: v.scenario,
      durationSec: num("duration") ?? (v.count === undefined ? 10 : undefined),
      count: num("count"),
      rate: v.rate === undefined || v.rate === "max" ? "max" : num("rate"),
      batchSize: num("batch"),
      lingerMs: num("linger"),
      maxInFlight: num("in-flight"),
      compression: v.compression,
      threads: num("threads"),
      partitions: num("partitions"),
      seed: v.seed === undefined ? undefined : parseSeed(v.seed),
      topics: v.topic ? pairs(v.topic) : undefined,
      kinds: v.kinds?.split(",").map((k) => k.trim()),
      mix,
      settings: v.settings === undefined ? undefined : jsonObject("settings", v.settings),
    } as FirehoseOptionsInput;
    // Flags not given are absent, not undefined: the options schema refuses keys it does not know.
    for (const k of Object.keys(options) as (keyof typeof options)[]) {
      if (options[k] === undefined) delete options[k];
    }
    const checked = FirehoseOptions.safeParse(options);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      if (issue?.code === "unrecognized_keys" && issue.path.length === 0) {
        const flags = issue.keys.map((k) => FLAGS[k] ?? `--${k}`).join(", ");
        return { error: `${flags} does not apply to --scenario ${String(options.scenario)}` };
      }
      const [key, ...rest] = (issue?.path ?? []).map(String);
      const flag = key === undefined ? "" : (FLAGS[key] ?? `--${key}`);
      const where = flag ? `${flag}${rest.length ? ` ${rest.join(".")}` : ""}: ` : "";
      return { error: `${where}${issue?.message ?? "invalid options"}` };
    }
    return { options, reportMemory: v["report-memory"] === true };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Where the firehose sends: KAFKA_* (core's one reader), else the local broker. */
export function firehoseKafka(env: Env = process.env): KafkaConnection {
  return kafkaFromEnv(env, ["127.0.0.1:9092"]) ?? { brokers: ["127.0.0.1:9092"], ssl: false };
}
