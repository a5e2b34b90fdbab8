// Rule sync under concurrency: starts and stops race each other through the API (and the
// generator's syncRule beside them); whatever the interleaving, the rule ends ENABLED iff a
// stream runs. The interleavings are drawn from a printed seed.
import { createRandom } from "@gg/core/random";
import * as Streams from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestControl, type TestControl } from "./stream-fixture";

const SEED = Number(process.env.GG_TEST_SEED ?? Date.now() % 100_000);
let t: TestControl;
beforeAll(async () => {
  t = await startTestControl();
});
afterAll(() => t?.close());

const start = async () => {
  const res = await t.call("POST", "/stream/start", { rate: "150/h" });
  expect(res.status).toBe(200);
  return ((await res.json()) as { stream_id: string }).stream_id;
};
const stop = async (id: string) => {
  expect((await t.call("POST", `/stream/stop/${id}`)).status).toBe(200);
};
const running = async () => (await Streams.list(t.db.pool, "running")).map((s) => s.stream_id);
const expectRuleAgrees = async (why: string) => {
  const ids = await running();
  const rule = await t.rules.describe(t.ruleName);
  expect(rule?.state, `${why} (seed ${SEED}, ${ids.length} running)`).toBe(
    ids.length > 0 ? "ENABLED" : "DISABLED",
  );
};

describe("rule sync under concurrency", () => {
  it("converges whatever the interleaving of starts, stops and generator syncs", async () => {
    const rng = createRandom(SEED, "stream-sync");
    const sync = () => Streams.syncRule(t.db.pool, t.runtime.deps.rules, t.runtime.deps.schedule);
    for (let round = 0; round < 6; round++) {
      const live = await running();
      // Stop a random subset (sometimes all: the last-stop race), start 0–2, sync now and then.
      const stopping = live.filter(() => rng.bool(round % 2 === 0 ? 1 : 0.5));
      const starting = rng.int(0, round % 2 === 0 ? 0 : 2);
      const ops: (() => Promise<unknown>)[] = [
        ...stopping.map((id) => () => stop(id)),
        ...Array.from({ length: starting }, () => start),
        ...Array.from({ length: rng.int(0, 2) }, () => sync),
      ];
      for (let i = ops.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [ops[i], ops[j]] = [ops[j]!, ops[i]!];
      }
      await Promise.all(ops.map((op) => op()));
      await expectRuleAgrees(`round ${round}: stopped ${stopping.length}, started ${starting}`);
    }
    // The last stops, all at once: exactly one of them sees none left, and the rule goes off.
    await Promise.all((await running()).map(stop));
    await expectRuleAgrees("after stopping everything");
    expect(await running()).toEqual([]);
  });

  it("is idempotent: a second sync reads and changes nothing", async () => {
    const id = await start();
    const { rules, schedule } = t.runtime.deps;
    const first = await Streams.syncRule(t.db.pool, rules, schedule);
    const second = await Streams.syncRule(t.db.pool, rules, schedule);
    expect(first.rule?.state).toBe("ENABLED");
    expect(second).toEqual({ ...first, changes: [] });
    await stop(id);
    const off = await Streams.syncRule(t.db.pool, rules, schedule);
    expect(off).toMatchObject({ running: 0, changes: [], rule: { state: "DISABLED" } });
  });

  it("repairs a rule changed behind its back, and reports each call it made", async () => {
    const id = await start();
    const { rules, schedule } = t.runtime.deps;
    await t.rules.disable(t.ruleName);
    const repaired = await Streams.syncRule(t.db.pool, rules, schedule);
    expect(repaired.changes).toEqual(["EnableRule"]);
    expect((await t.rules.describe(t.ruleName))?.state).toBe("ENABLED");
    await stop(id);
    await t.rules.enable(t.ruleName);
    expect((await Streams.syncRule(t.db.pool, rules, schedule)).changes).toEqual(["DisableRule"]);
    expect((await t.rules.describe(t.ruleName))?.state).toBe("DISABLED");
  });

  it("without a schedule only the streams change", async () => {
    const sync = await Streams.withRuleSync(t.db.pool, null, null, (tx) =>
      Streams.create(tx, Streams.BACKGROUND_STREAM),
    );
    expect(sync.sync).toEqual({ running: 1, rule: null, changes: [] });
    await Streams.stop(t.db.pool, sync.result.stream_id);
  });
});
