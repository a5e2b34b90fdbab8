// Landed times of `pnpm emulate up` (issue 16), its two shapes at once, as the schedule runs them:
// one deployment (its own stage `lt…`, sized for 100/s by infra/stage-policy.ts) runs two streams
// started through the control URL, 20/s fired by the generator Lambda itself and 24/s split over
// 2 shard Lambdas (GENERATOR_SHARD_RATE 22, as an operator would set it). LocalStack's own
// scheduler delivers the rule (the start's kick serves the first minute); nothing is warmed up
// that a scheduled minute would not get.
import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import type { Pool } from "@gg/core/db";
import { type Deployment, down, type EmulateConfig, up } from "@gg/emulate";
import * as Streams from "@gg/traffic/streams";
import {
  type LandedStream,
  minuteRows,
  minutesAfter,
  pickSeed,
  SHAPES,
  SHARD_RATE,
  type Shape,
  startBody,
} from "../../test/support/landed";

export interface EmulateLanded {
  deployed: Deployment;
  streams: Record<Shape, LandedStream>;
}

/** A stage name the stage policy sizes for the landed-time runs (100/s). */
export const landedStage = (hex: string) => `lt${hex}`;

/**
 * Deploys `config` (a fresh database, stage from `landedStage`), sets the generator's shard rate
 * and starts both shapes' streams through the control URL, with seeds whose plans meet the floors
 * on every minute the run may judge (`minutes` full minutes from the first the kick serves).
 */
export async function startEmulateLanded(
  config: EmulateConfig,
  pool: Pool,
  tag: string,
  minutes: number,
  log: (line: string) => void = () => {},
): Promise<EmulateLanded> {
  const deployed = await up(config, log);
  const generator = deployed.plan.functions.find(
    (f) => f.source === "functions/generator.handler",
  )!.name;
  const lambda = deployed.aws.lambda;
  const current = await lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: generator }),
  );
  await lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: generator,
      Environment: {
        Variables: { ...current.Environment?.Variables, GENERATOR_SHARD_RATE: String(SHARD_RATE) },
      },
    }),
  );
  await waitUntilFunctionUpdatedV2(
    { client: lambda, maxWaitTime: 60 },
    { FunctionName: generator },
  );
  const control = deployed.urls.control!;
  // The kick serves the first whole minute at least 10 s ahead (the next or the one after): the
  // judged minutes are among these.
  const candidates = minutesAfter(Date.now(), minutes + 1);
  const streams = {} as Record<Shape, LandedStream>;
  for (const shape of ["one", "split"] as const) {
    const seed = pickSeed(
      (s) => Streams.StartStream.parse(startBody(shape, s)) as Record<string, unknown>,
      SHAPES[shape].rate,
      candidates,
      `${shape}-${tag}`,
    );
    const res = await fetch(new URL("/stream/start", control), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(startBody(shape, seed)),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`/stream/start: ${res.status} ${await res.text()}`);
    const id = ((await res.json()) as { stream_id: string }).stream_id;
    streams[shape] = { id, seed, config: (await Streams.get(pool, id)).config };
  }
  return { deployed, streams };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The first minute both streams have prepared (epoch ms), within `timeoutMs`. */
export async function firstPreparedMinute(
  pool: Pool,
  streams: Record<Shape, LandedStream>,
  timeoutMs: number,
): Promise<number> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    const [a, b] = await Promise.all(
      [streams.one, streams.split].map(async (s) => (await minuteRows(pool, s.id))[0]),
    );
    if (a && b) return Math.max(a.minute.getTime(), b.minute.getTime());
    await sleep(2_000);
  }
  throw new Error(`no minute was prepared in ${timeoutMs / 1000} s`);
}

/** Until `minute` (epoch ms) is finished in both streams (shards merged), `graceMs` after its end. */
export async function untilFinished(
  pool: Pool,
  streams: Record<Shape, LandedStream>,
  minute: number,
  graceMs: number,
): Promise<void> {
  await sleep(minute + 60_000 - Date.now());
  for (const end = minute + 60_000 + graceMs; Date.now() < end; await sleep(1_000)) {
    const done = await Promise.all(
      Object.values(streams).map(async (s) =>
        (await minuteRows(pool, s.id)).some((r) => r.minute.getTime() === minute && r.finished),
      ),
    );
    if (done.every(Boolean)) return;
  }
}

/** Stops both streams (ignoring errors) and takes the stage down. */
export async function stopEmulateLanded(
  config: EmulateConfig,
  run: Partial<EmulateLanded>,
): Promise<void> {
  const control = run.deployed?.urls.control;
  for (const s of Object.values(run.streams ?? {})) {
    if (control)
      await fetch(new URL(`/stream/stop/${s.id}`, control), {
        method: "POST",
        signal: AbortSignal.timeout(10_000),
      }).catch(() => {});
  }
  await down(config, () => {});
}
