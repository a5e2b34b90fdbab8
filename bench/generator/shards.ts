// `pnpm bench generator --shards 4 [--rate 6000] [--seconds 60]`: one minute at `rate` events/s
// split over N shard processes (the local stand-in for shard Lambdas) against a null sink that
// counts idempotency keys. The shards' figures are merged into one minute record (as the shard
// Lambdas merge theirs in traffic_minutes); the sink says whether each planned event came once.
// The last line is for outside checks:
//   shards: <N> events/s with <S> shards, lateness p99 <X> ms, <M> of <P> events fired once (null sink)
import { randomUUID } from "node:crypto";
import { GourmetGramSettings, gourmetgramScenario } from "@gg/traffic/scenarios/gourmetgram";
import { mergeShards, processShards, type ShardFigures, sliceSize } from "@gg/traffic/shards";
import { startChild } from "./child";

export interface ShardBenchOptions {
  shards: number;
  rate: number;
  seconds: number;
  concurrency: number;
  /** Real ms between handing out the shards and the minute's offset 0 (start, warm-up, planning). */
  leadMs: number;
}

export async function runShardBench(o: ShardBenchOptions): Promise<void> {
  const scale = 60 / o.seconds;
  const planRate = `${o.rate / scale}/s`;
  const seed = `bench-shards-${o.rate}`;
  const minute = new Date(Date.UTC(2030, 0, 1, 0, 0)).toISOString();
  // The plan's size, as the coordinator reads it: no state, no payloads.
  const size = gourmetgramScenario({
    target: undefined as never,
    dataset: async () => null,
    concurrency: 1,
  }).size?.({
    settings: GourmetGramSettings.parse({ rate: planRate, mix: "uniform", seed }),
    seed,
    minute: new Date(minute),
  }) ?? { expected: 0, count: 0 };
  console.log(
    `generator shards bench: ${o.shards} shard processes, ${o.rate} events/s for ${o.seconds} s (${size.count} events planned), concurrency ${o.concurrency} each, uniform mix`,
  );
  const sink = await startChild<{ url: string }>("bench/generator/null-sink.ts");
  const warmSink = await startChild<{ url: string }>("bench/generator/null-sink.ts");
  try {
    const workers = processShards("bench/generator/shard.ts", [
      sink.info.url,
      warmSink.info.url,
      String(o.concurrency),
      planRate,
      seed,
    ]);
    const streamId = randomUUID();
    const startAt = Date.now() + o.leadMs;
    await Promise.all(
      Array.from({ length: o.shards }, (_, shard) =>
        workers.invoke({
          streamId,
          minute,
          shard,
          shards: o.shards,
          timing: { scale, startAt },
        }),
      ),
    );
    const done = await workers.settled();
    const rows: ShardFigures[] = [];
    for (const d of done) {
      const last = d.stdout.trim().split("\n").pop() ?? "";
      if (d.code !== 0 || !last.startsWith("{")) {
        console.log(
          `  shard ${d.job.shard}: exited ${d.code}, no figures (its events stay unaccounted)`,
        );
        continue;
      }
      const row = JSON.parse(last) as ShardFigures & { cpuMs: number; readyMs: number };
      rows.push(row);
      const planned = Object.values(row.byKind).reduce((s, k) => s + k.planned, 0);
      console.log(
        `  shard ${row.shard}: ${planned} planned of a slice of ${sliceSize(size.count, row.shard, o.shards)}, ${(row.cpuMs / 1000).toFixed(1)} s CPU, ready ${(row.readyMs / 1000).toFixed(1)} s before the minute`,
      );
    }
    const merged = mergeShards(rows, o.shards, size.count);
    const count = (await (await fetch(new URL("/__count", sink.info.url))).json()) as {
      requests: number;
      keys: number;
      repeated: number;
    };
    console.log(JSON.stringify({ message: "merged minute", minute, ...merged }));
    console.log(
      `  sink: ${count.requests} requests, ${count.keys} distinct idempotency keys, ${count.repeated} keys more than once`,
    );
    const once = count.keys - count.repeated;
    const fired = count.requests === merged.planned ? once : Math.min(once, merged.planned);
    // The rate the minute was played at when every planned event came once, else what came.
    const n =
      fired === merged.planned && merged.unaccounted === 0 && merged.failed === 0
        ? o.rate
        : Math.floor((fired * scale) / 60);
    console.log(
      `shards: ${n} events/s with ${o.shards} shards, lateness p99 ${(merged.lateness.p99 ?? Number.NaN).toFixed(1)} ms, ${fired} of ${merged.planned} events fired once (null sink)`,
    );
  } finally {
    await sink.stop();
    await warmSink.stop();
  }
}
