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
  it("gives callers one run while it is in flight and for ttlMs after it settled", async () => {
    let t = 0;
    let runs = 0;
    let pending = deferred();
    const get = shared(
      () => {
        runs++;
        return pending.promise;
      },
      2_000,
      () => t,
    );
    const a = get();
    t = 5_000; // still in flight: however late, the same run
    const b = get();
    expect(b).toBe(a);
    pending.resolve(1);
    expect(await a).toBe(1);
    await Promise.resolve();
    t = 6_999;
    expect(get()).toBe(a);
    expect(runs).toBe(1);
    pending = deferred();
    t = 7_000 + 1;
    const c = get();
    expect(c).not.toBe(a);
    expect(runs).toBe(2);
  });

  it("keeps no failed run: the next caller tries again", async () => {
    let runs = 0;
    const get = shared(async () => {
      runs++;
      throw new Error("down");
    }, 60_000);
    await expect(get()).rejects.toThrow("down");
    await new Promise((r) => setImmediate(r));
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
