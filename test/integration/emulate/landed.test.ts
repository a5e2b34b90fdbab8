// Landed times of `pnpm emulate up` (issue 16), in its two shapes at once: one deployment (its own
// stage `lt…`, sized for 100/s by infra/stage.ts) runs two streams started through the control
// URL, 20/s fired by the generator Lambda itself and 24/s split over 2 shard Lambdas (the generator
// function's GENERATOR_SHARD_RATE set to 22, as an operator would). LocalStack's own scheduler
// delivers the rule (at about second 41 of a minute): the delivery prepares the next minute, and
// the generator Lambda, holding the lease, prepares and fires the one after it too while the
// deliveries of those minutes exit. Two full minutes of each stream are judged on what landed in
// Postgres through the API Lambda (test/support/landed.ts: lateness p99 < 50 ms, dispersion, KS),
// with seeds picked at the start so the plan of every minute it may check meets the floors; the
// seeds are printed. Wall time: the deployment, then ~3-4 minutes of real minutes.
import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { type Deployment, down, type EmulateConfig, loadEmulateConfig, up } from "@gg/emulate";
import * as Streams from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, urlRequester } from "../../support/api";
import { type FreshDatabase, freshDatabase, suffix } from "../../support/fixtures";
import {
  judgeStreams,
  type LandedStream,
  minuteRows,
  minutesAfter,
  pickSeed,
  SHAPES,
  SHARD_RATE,
  type Shape,
  startBody,
} from "../../support/landed";
import { cloudWatchMessages } from "./logs";

const SEED = process.env.TEST_SEED ?? suffix(3);

let config: EmulateConfig;
let deployed: Deployment;
let db: FreshDatabase;
const streams = {} as Record<Shape, LandedStream>;

const fn = (source: string) => {
  const found = deployed.plan.functions.find((f) => f.source === source);
  if (!found) throw new Error(`${source} is not deployed`);
  return found;
};

beforeAll(async () => {
  db = await freshDatabase({ migrate: false });
  config = {
    ...loadEmulateConfig(process.env, process.getuid?.() ?? -1),
    stage: `lt${suffix(3)}`,
    database: db.name,
  };
  deployed = await up(config, () => {});
  const generator = fn("functions/generator.handler").name;
  const current = await deployed.aws.lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: generator }),
  );
  await deployed.aws.lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: generator,
      Environment: {
        Variables: { ...current.Environment?.Variables, GENERATOR_SHARD_RATE: String(SHARD_RATE) },
      },
    }),
  );
  await waitUntilFunctionUpdatedV2(
    { client: deployed.aws.lambda, maxWaitTime: 60 },
    { FunctionName: generator },
  );
}, 400_000);

afterAll(async () => {
  const control = deployed?.urls.control;
  for (const s of Object.values(streams)) {
    if (control)
      await Promise.resolve(
        urlRequester(control).request(`/stream/stop/${s.id}`, { method: "POST" }),
      ).catch(() => {});
  }
  if (config) await down(config, () => {});
  await db?.drop();
}, 120_000);

describe("pnpm emulate: every minute lands on time, on the generator Lambda and on shard Lambdas", () => {
  it("LocalStack's schedule prepares each minute ahead; two full minutes of each stream meet the floors", async () => {
    const control = urlRequester(deployed.urls.control!);
    // LocalStack's scheduler may deliver in any of the next two minutes; the first minute served
    // is the one after the delivery, so the checked minutes are among these five.
    const candidates = minutesAfter(Date.now(), 5);
    for (const shape of ["one", "split"] as const) {
      const seed = pickSeed(
        (s) => Streams.StartStream.parse(startBody(shape, s)) as Record<string, unknown>,
        SHAPES[shape].rate,
        candidates,
        `${shape}-${SEED}`,
      );
      const res = await postJson(control, "/stream/start", startBody(shape, seed));
      expect(res.status, await res.clone().text()).toBe(200);
      const id = ((await res.json()) as { stream_id: string }).stream_id;
      streams[shape] = { id, seed, config: (await Streams.get(db.pool, id)).config };
    }
    console.log(`landed (emulate): seeds ${streams.one.seed}, ${streams.split.seed}`);

    // The first minute served to both streams (a delivery between the two starts serves only
    // the first), then one more.
    let first: number | undefined;
    for (const until = Date.now() + 200_000; first === undefined && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 3_000));
      const [a, b] = await Promise.all(
        [streams.one, streams.split].map(async (s) => (await minuteRows(db.pool, s.id))[0]),
      );
      if (a && b) first = Math.max(a.minute.getTime(), b.minute.getTime());
    }
    const generatorLogs = () =>
      cloudWatchMessages(`/aws/lambda/${fn("functions/generator.handler").name}`);
    expect(first, `no minute was prepared:\n${(await generatorLogs()).join("")}`).toBeDefined();
    const checked = [first!, first! + 60_000];
    const end = first! + 120_000 + 15_000;
    while (Date.now() < end)
      await new Promise((r) => setTimeout(r, Math.min(5_000, end - Date.now())));

    const { failures, rows } = await judgeStreams(db.pool, streams, checked, 50);
    for (const shape of ["one", "split"] as const) {
      // The delivery served the first minute (its delay is counted); the holder the second.
      const [a, b] = checked.map((m) => rows[shape].find((r) => r.minute.getTime() === m));
      expect(a?.trigger_delay_ms, shape).not.toBeNull();
      expect(b?.trigger_delay_ms, shape).toBeNull();
    }
    // The fresh database had no one to act on: the first minute's preparation created them, once.
    const { rows: actors } = await db.pool.query<{ n: number }>(
      "SELECT sum(actors_created)::int AS n FROM traffic_minutes",
    );
    expect(actors[0]?.n).toBe(20);
    expect(failures, `seeds ${streams.one.seed}, ${streams.split.seed}`).toEqual([]);
  }, 420_000);
});
