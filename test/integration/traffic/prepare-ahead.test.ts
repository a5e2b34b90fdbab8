// Preparing minutes ahead, against the real Postgres (and the real API for actors): the holder's
// lease over its minutes (time virtual, so 13 minutes take milliseconds), the actors a new
// stream's first minute creates and which minutes see them, and a budget that counts the minute
// still firing. Wall time: a few seconds.

import { type PreparedTick, scheduledTrigger, serve, wakesOnly } from "@gg/traffic/generator";
import {
  ensureActors,
  gourmetgramScenario,
  inProcessTarget,
  loadPlanningState,
  plannerConfigOf,
} from "@gg/traffic/gourmetgram";
import { bundledFood11Root, food11Index } from "@gg/traffic/gourmetgram/images";
import { claimMinute } from "@gg/traffic/minute";
import * as Streams from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../support/api";
import { freshDatabase } from "../../support/fixtures";

const SEED = process.env.TEST_SEED ?? "prepare-ahead";
const MINUTE_MS = 60_000;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

/**
 * A serve() on virtual time: sleeping moves the clock; each prepared minute is recorded, and when
 * (`preparedAt`). `woken`: every stream of every minute goes to wake windows.
 */
function holder(
  arrivedAt: number,
  served: number[],
  streams = () => 1,
  woken?: { preparedAt: number[] },
) {
  let now = arrivedAt;
  return {
    run: (time: number) =>
      serve({
        trigger: scheduledTrigger({ time: new Date(time).toISOString() }, new Date(arrivedAt)),
        // A 900 s Lambda less its 3 s margin, as handleScheduled computes it.
        deadline: arrivedAt + 897_000,
        hold: { db: api.db.pool, requestTimeoutMs: 10_000 },
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
        log: () => {},
        wakesOnly: woken ? async () => true : undefined,
        prepare: async (minute): Promise<PreparedTick> => {
          served.push(minute.getTime());
          woken?.preparedAt.push(now);
          return {
            minute: minute.toISOString(),
            streams: streams(),
            woken: woken ? streams() : 0,
            fire: async () => ({ minute: minute.toISOString(), streams: [], completed: [] }),
          };
        },
      }),
  };
}

describe("the generator's lease: one invocation serves minute after minute", () => {
  it("a delivery serves the next minute and holds on while its timeout covers one more; meanwhile deliveries exit; then one takes over", async () => {
    const m0 = Date.UTC(2031, 0, 1, 10, 0);
    const served: number[] = [];
    // EventBridge's delivery for 10:00 arrives at 10:00:02: it serves 10:01 and on.
    const results = await holder(m0 + 2_000, served).run(m0);
    expect(results).toHaveLength(13);
    expect(served).toEqual(Array.from({ length: 13 }, (_, i) => m0 + (i + 1) * MINUTE_MS));
    // 10:13 was its last; the deliveries of the minutes it committed to find them taken.
    const late: number[] = [];
    expect(await holder(m0 + 12 * MINUTE_MS + 2_000, late).run(m0 + 12 * MINUTE_MS)).toEqual([]);
    expect(late).toEqual([]);
    // The delivery in 10:13 wants 10:14, which nobody holds: it takes over.
    const next: number[] = [];
    await holder(m0 + 13 * MINUTE_MS + 41_000, next, () => 0).run(m0 + 13 * MINUTE_MS + 41_000);
    // No stream was left to serve: it served its minute and let go.
    expect(next).toEqual([m0 + 14 * MINUTE_MS]);
    const { rows } = await api.db.pool.query<{ minute: Date }>(
      "SELECT minute FROM traffic_generator_lease",
    );
    expect(rows.map((r) => r.minute.getTime())).toEqual([m0 + 14 * MINUTE_MS]);
  });
});

describe("a minute whose streams are all woken in windows", () => {
  it("is prepared when its delivery arrives, and the delivery ends there: nothing is held", async () => {
    const m0 = Date.UTC(2031, 0, 3, 10, 0);
    const served: number[] = [];
    const preparedAt: number[] = [];
    // The delivery for 10:00 arrives at 10:00:02 and prepares 10:01 then, not 20 s before 10:01.
    const results = await holder(m0 + 2_000, served, () => 1, { preparedAt }).run(m0);
    expect(results).toHaveLength(1);
    expect(served).toEqual([m0 + MINUTE_MS]);
    expect(preparedAt).toEqual([m0 + 2_000]);
    // The next delivery is not kept out by a holder: it serves 10:02 the same way.
    const next: number[] = [];
    await holder(m0 + MINUTE_MS + 2_000, next, () => 1, { preparedAt }).run(m0 + MINUTE_MS);
    expect(next).toEqual([m0 + 2 * MINUTE_MS]);
  });
});

describe("which deliveries wake their minute", () => {
  it("those whose running streams are all below the wake rate; none without a stream", async () => {
    const fresh = await freshDatabase();
    try {
      const scenarios = {
        gourmetgram: gourmetgramScenario({
          target: undefined as never,
          dataset: async () => null,
          concurrency: 1,
        }),
      };
      const ask = () =>
        wakesOnly({
          db: fresh.pool,
          scenarios,
          minute: new Date(Date.UTC(2031, 0, 4, 0, 0)),
          wake: { belowPerSecond: 1, leadMs: 3_000, send: async () => {} },
        });
      expect(await ask()).toBe(false);
      const slow = await Streams.create(fresh.pool, Streams.StartStream.parse({ rate: "30/min" }));
      expect(await ask()).toBe(true);
      const fast = await Streams.create(fresh.pool, Streams.StartStream.parse({ rate: "5/s" }));
      expect(await ask()).toBe(false);
      await Streams.stop(fresh.pool, fast.stream_id);
      expect(await ask()).toBe(true);
      await Streams.stop(fresh.pool, slow.stream_id);
      expect(await ask()).toBe(false);
    } finally {
      await fresh.drop();
    }
  });
});

describe("a new stream on an empty database", () => {
  it("its first minute creates the users and images it lacks, seen from that minute on, not before", async () => {
    const minute = new Date(Date.UTC(2031, 0, 1, 12, 0));
    const input = {
      db: api.db.pool,
      target: inProcessTarget(api.app),
      dataset: await food11Index(bundledFood11Root()),
      seed: SEED,
      minute,
      testAccountRate: 0,
    };
    expect(await ensureActors(input)).toBe(20);
    const config = plannerConfigOf({ rate: "10/s" });
    const at = async (m: Date) => loadPlanningState(api.db.pool, { seed: SEED, minute: m, config });
    const seen = await at(minute);
    expect({ users: seen.users.length, images: seen.images.length }).toEqual({
      users: 10,
      images: 10,
    });
    // The minute before reads a horizon a minute earlier: a replay of it is what it was.
    expect(await at(new Date(minute.getTime() - MINUTE_MS))).toEqual({ users: [], images: [] });
    // A replay of the minute (or the next minute) finds them and creates nothing.
    expect(await ensureActors(input)).toBe(0);
    expect(await ensureActors({ ...input, minute: new Date(minute.getTime() + MINUTE_MS) })).toBe(
      0,
    );
  });
});

describe("a budget while the minute before still fires", () => {
  it("counts that minute's reservation until its sent count is final", async () => {
    const stream = await Streams.create(
      api.db.pool,
      Streams.StartStream.parse({ rate: "10/s", max_count: 100 }),
    );
    const m1 = new Date(Date.UTC(2031, 0, 2, 0, 0));
    const m2 = new Date(m1.getTime() + MINUTE_MS);
    expect(await claimMinute(api.db.pool, stream.stream_id, m1.toISOString(), 80)).toBe(true);
    expect(await Streams.remainingBudget(api.db.pool, stream, m2)).toBe(20);
    await api.db.pool.query(
      "UPDATE traffic_minutes SET sent = 50, finished_at = now() WHERE stream_id = $1",
      [stream.stream_id],
    );
    expect(await Streams.remainingBudget(api.db.pool, stream, m2)).toBe(50);
  });
});
