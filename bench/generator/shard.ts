// One shard of the sharded bench, in its own process (as a shard Lambda would be): plans only its
// slice of the minute (synthetic state, no database) and fires it at the sink; its last stdout
// line is its figures with the lateness histogram, for the bench to merge.
// Before its minute it warms up (JIT, upload cache, connections) on a 3 s minute sent to a
// second sink, as the single-process bench warms up before measuring: a Lambda kept warm by
// the minute before has paid this already.
// argv: <sink url> <warm-up sink url> <concurrency> <rate per planned second> <seed> <job JSON>
import { bundledFood11Root, food11Index } from "@gg/traffic/images";
import { monotonicClock, runStreamMinute } from "@gg/traffic/minute";
import { gourmetgramScenario, httpTarget } from "@gg/traffic/scenarios/gourmetgram";
import { type ShardFigures, ShardJob } from "@gg/traffic/shards";
import { SYNTHETIC } from "./synthetic";

const [url, warmUrl, concurrency, rate, seed, json] = process.argv.slice(2);
const job = ShardJob.parse(JSON.parse(json ?? "{}"));
const dataset = await food11Index(bundledFood11Root());
const target = httpTarget(url ?? "", undefined, { connections: Number(concurrency) });
const scenario = gourmetgramScenario({
  target,
  dataset: async () => dataset,
  concurrency: Number(concurrency),
  state: async () => SYNTHETIC,
});
const warmTarget = httpTarget(warmUrl ?? "", undefined, { connections: Number(concurrency) });
const warmClock = monotonicClock();
await runStreamMinute(
  gourmetgramScenario({
    target: warmTarget,
    dataset: async () => dataset,
    concurrency: Number(concurrency),
    state: async () => SYNTHETIC,
  }),
  {
    stream: {
      stream_id: job.streamId,
      started_at: new Date().toISOString(),
      config: { rate: "20/s", mix: "uniform", seed: `warm-${job.shard}` },
    },
    minute: new Date(job.minute),
    timing: { scale: 20, startAt: warmClock.now() },
    clock: warmClock,
    log: () => {},
  },
);
await warmTarget.close();
let figures: ShardFigures | undefined;
// How long before the minute's offset 0 this shard was ready (negative: it started late).
const readyMs = (job.timing?.startAt ?? Date.now()) - Date.now();
const cpu = process.cpuUsage();
await runStreamMinute(scenario, {
  stream: {
    stream_id: job.streamId,
    started_at: new Date().toISOString(),
    config: { rate, mix: "uniform", seed },
  },
  minute: new Date(job.minute),
  timing: job.timing,
  clock: monotonicClock(),
  slice: { index: job.shard, count: job.shards },
  store: {
    claim: async () => true,
    save: async (r, tally) => {
      figures = {
        shard: job.shard,
        finished: true,
        byKind: r.byKind,
        unsent: r.unsent,
        lateness: tally.lateness.toSparse(),
        recoveredLateness: tally.recoveredLateness.toSparse(),
        errors: r.errors,
      };
    },
  },
  log: () => {},
});
await target.close();
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({ ...figures, readyMs, cpuMs: (used.user + used.system) / 1000 })}\n`,
);
