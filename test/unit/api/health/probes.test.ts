import type { Probe } from "@gg/api";
import { probeAll, shared } from "@gg/api/health";
import { describe, expect, it } from "vitest";

const deferred = () => {
  let resolve!: (v: number) => void;
  const promise = new Promise<number>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe("shared", () => {
  const counted = () => {
    let runs = 0;
    let pending = deferred();
    return {
      fn: () => {
        runs++;
        return pending.promise;
      },
      runs: () => runs,
      settle(v: number) {
        pending.resolve(v);
        pending = deferred();
      },
    };
  };
  const tick = () => new Promise((r) => setImmediate(r));

  it("gives every caller the run in flight, however late, and its result for ttlMs", async () => {
    let t = 0;
    const src = counted();
    const get = shared(src.fn, 2_000, { now: () => t });
    const a = get();
    t = 5_000;
    expect(get()).toBe(a);
    src.settle(1);
    expect(await a).toBe(1);
    await tick();
    t = 6_999;
    expect(get()).toBe(a);
    expect(src.runs()).toBe(1);
    t = 7_000;
    const b = get(); // no staleMs: past ttlMs, callers wait for a new run
    expect(b).not.toBe(a);
    expect(src.runs()).toBe(2);
  });

  it("answers at once with the last result up to staleMs, refreshing beside the callers", async () => {
    let t = 0;
    const src = counted();
    const get = shared(src.fn, 2_000, { staleMs: 6_000, now: () => t });
    const first = get();
    src.settle(1);
    await first;
    await tick();
    t = 3_000; // stale: served at once, one refresh starts
    expect(await get()).toBe(1);
    expect(await get()).toBe(1);
    expect(src.runs()).toBe(2);
    src.settle(2);
    await tick();
    await tick();
    t = 4_000; // the refresh landed at 3,000: fresh again
    expect(await get()).toBe(2);
    expect(src.runs()).toBe(2);
    t = 3_000 + 6_000; // too old to serve: this caller waits for a new run
    const waited = get();
    expect(src.runs()).toBe(3);
    src.settle(3);
    expect(await waited).toBe(3);
  });

  it("keeps no failed run: the next caller tries again", async () => {
    let runs = 0;
    const get = shared(async () => {
      runs++;
      throw new Error("down");
    }, 60_000);
    await expect(get()).rejects.toThrow("down");
    await tick();
    await expect(get()).rejects.toThrow("down");
    expect(runs).toBe(2);
  });
});

describe("probeAll", () => {
  const logged: unknown[] = [];
  const log = { info: () => {}, error: (_: string, f?: unknown) => logged.push(f) };
  const probe = (name: Probe["name"], check: () => Promise<void>, enabled = true): Probe => ({
    name,
    enabled,
    check,
  });

  it("states each dependency without its error's text, which goes to the log", async () => {
    const states = await probeAll(
      [
        probe("postgres", async () => {}),
        probe("kafka", async () => {
          throw new Error("connect ECONNREFUSED 10.0.0.7:9092 (user svc-admin)");
        }),
      ],
      log,
    );
    expect(states).toEqual({
      postgres: { status: "healthy", ok: true, enabled: true },
      kafka: { status: "unhealthy", ok: false, enabled: true },
    });
    expect(JSON.stringify(states)).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|svc-admin/);
    expect(logged).toEqual([
      { dependency: "kafka", error: "connect ECONNREFUSED 10.0.0.7:9092 (user svc-admin)" },
    ]);
  });

  it("says disabled for a dependency the deployment does not use, without probing it", async () => {
    let probed = false;
    const states = await probeAll(
      [
        probe(
          "kafka",
          async () => {
            probed = true;
          },
          false,
        ),
      ],
      log,
    );
    expect(states.kafka).toEqual({ status: "disabled", ok: false, enabled: false });
    expect(probed).toBe(false);
  });
});
