import { parseArgs } from "node:util";
import type { FirehoseOptionsInput } from "./options";

export const USAGE = `usage: tsx packages/traffic/src/firehose/cli.ts [options]
  --scenario clickstream|gourmetgram   (default clickstream)
  --duration <s>        stop after this many seconds (default 10 unless --count)
  --count <n>           stop after this many events
  --rate <n>|max        target events/s over all lanes (default max)
  --batch <n>           records per produce call (default 5000)
  --linger <ms>         longest wait for a batch to fill at a target rate (default 20)
  --in-flight <n>       unacknowledged batches per lane (default 4)
  --compression none|gzip|snappy|lz4   (default none)
  --threads <n>         worker lanes; 0 = on the main thread (default 2)
  --partitions <n>      partitions of topics the run creates (default 6)
  --seed <s>            seed (default random, printed)
  --topic kind=name     topic for a kind, repeatable (e.g. interactions=cs.interactions)
  --kinds a,b           clickstream kinds to emit (users,products,interactions,sessions)
  --mix kind=w,...      gourmetgram weights (uploads,views,comments,flags)
  --report-memory       sample RSS: start, end and peak in the summary
env: KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_SSL, KAFKA_SASL_MECHANISM, KAFKA_USERNAME,
     KAFKA_PASSWORD (as for the API)
`;

/** Parses the CLI's flags into firehose options (validated later by the options schema). */
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
        "report-memory": { type: "boolean", default: false },
        help: { type: "boolean" },
      },
    });
    if (v.help) return { help: true };
    const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
    const pairs = (list: string[]) =>
      Object.fromEntries(
        list.map((p) => {
          const [k, val] = p.split("=");
          if (!k || val === undefined) throw new Error(`expected kind=value, got ${p}`);
          return [k.trim(), val.trim()];
        }),
      );
    const mix = v.mix
      ? Object.fromEntries(Object.entries(pairs(v.mix.split(","))).map(([k, w]) => [k, Number(w)]))
      : undefined;
    const options = {
      scenario: v.scenario,
      durationSec: num(v.duration) ?? (v.count === undefined ? 10 : undefined),
      count: num(v.count),
      rate: v.rate === undefined || v.rate === "max" ? "max" : Number(v.rate),
      batchSize: num(v.batch),
      lingerMs: num(v.linger),
      maxInFlight: num(v["in-flight"]),
      compression: v.compression,
      threads: num(v.threads),
      partitions: num(v.partitions),
      seed: v.seed === undefined ? undefined : /^\d+$/.test(v.seed) ? Number(v.seed) : v.seed,
      topics: v.topic ? pairs(v.topic) : undefined,
      kinds: v.kinds?.split(",").map((k) => k.trim()),
      mix,
    } as FirehoseOptionsInput;
    return { options, reportMemory: v["report-memory"] === true };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
