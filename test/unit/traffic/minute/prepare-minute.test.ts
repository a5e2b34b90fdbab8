// The minute engine's two halves: a minute prepared ahead records the lead it got, a stream
// stopped while its minute waits fires nothing and gives its claim back, and a claimed minute
// fires nothing again. A stub scenario and store, and a virtual clock: pure logic, no services.
import type { Clock } from "@gg/core/time";
import {
  type MinuteRecord,
  type MinuteStore,
  prepareStreamMinute,
  type Scenario,
} from "@gg/traffic/minute";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const MINUTE = new Date("2031-01-01T10:00:00Z");

/** A clock whose time moves only when something sleeps. */
function virtualClock(start: number): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    after: () => {},
  };
}

function stub(fired: { at: number }[], clock: Clock, prepareMs = 0): Scenario<unknown> {
  return {
    name: "gourmetgram",
    kinds: ["view"],
    config: z.unknown(),
    prepare: async ({ tally }) => {
      await clock.sleep(prepareMs);
      return {
        expected: 1,
        fire: async (frame) => {
          // The one event is due at the minute's start: it waits for it, then counts it.
          const wait = frame.realStart - clock.now();
          if (wait > 0) await clock.sleep(wait);
          fired.push({ at: clock.now() });
          const k = tally.kind("view");
          k.planned++;
          k.sent++;
          k.succeeded++;
        },
      };
    },
  };
}

function store(claimed: boolean) {
  const calls: string[] = [];
  const saved: MinuteRecord[] = [];
  const s: MinuteStore = {
    claim: async (reserved) => {
      calls.push(`claim ${reserved}`);
      return claimed;
    },
    release: async () => {
      calls.push("release");
    },
    save: async (r) => {
      calls.push("save");
      saved.push(r);
    },
  };
  return { s, calls, saved };
}

const stream = { stream_id: "00000000-0000-4000-8000-000000000001", config: {}, started_at: "" };

describe("a minute prepared before it begins", () => {
  it("is claimed and planned 20 s ahead, fires at its start, and records the lead it got", async () => {
    const clock = virtualClock(MINUTE.getTime() - 20_000);
    const fired: { at: number }[] = [];
    const st = store(true);
    const ready = await prepareStreamMinute(stub(fired, clock, 1_500), {
      stream,
      minute: MINUTE,
      clock,
      store: st.s,
      budget: 7,
      triggerDelayMs: 41_000,
      log: () => {},
    });
    // Prepared, not fired: nothing went out and nothing was saved yet.
    expect(fired).toEqual([]);
    expect(st.calls).toEqual(["claim 7"]);
    const record = await ready.fire();
    expect(fired).toEqual([{ at: MINUTE.getTime() }]);
    expect(record).toMatchObject({
      status: "ran",
      planned: 1,
      leadMs: 18_500,
      triggerDelayMs: 41_000,
      actorsCreated: 0,
    });
    expect(st.calls).toEqual(["claim 7", "save"]);
  });

  it("a minute made ready after it began says so with a negative lead", async () => {
    const clock = virtualClock(MINUTE.getTime() + 2_000);
    const ready = await prepareStreamMinute(stub([], clock, 500), {
      stream,
      minute: MINUTE,
      clock,
      store: store(true).s,
      log: () => {},
    });
    expect((await ready.fire()).leadMs).toBe(-2_500);
  });

  it("a stream stopped during the lead fires nothing and gives its claim back", async () => {
    const clock = virtualClock(MINUTE.getTime() - 20_000);
    const fired: { at: number }[] = [];
    const st = store(true);
    let asked = 0;
    const ready = await prepareStreamMinute(stub(fired, clock), {
      stream,
      minute: MINUTE,
      clock,
      store: st.s,
      stillRunning: async () => {
        asked = clock.now();
        return false;
      },
      log: () => {},
    });
    const record = await ready.fire();
    // Asked a second before the minute, once the lead had passed.
    expect(asked).toBe(MINUTE.getTime() - 1_000);
    expect(record).toMatchObject({ status: "stopped", planned: 0, leadMs: null });
    expect(fired).toEqual([]);
    expect(st.calls).toEqual(["claim null", "release"]);
  });

  it("a minute claimed by an earlier invocation is not planned and fires nothing", async () => {
    const clock = virtualClock(MINUTE.getTime() - 20_000);
    const fired: { at: number }[] = [];
    const st = store(false);
    const ready = await prepareStreamMinute(stub(fired, clock), {
      stream,
      minute: MINUTE,
      clock,
      store: st.s,
      log: () => {},
    });
    expect(await ready.fire()).toMatchObject({ status: "already-ran", planned: 0 });
    expect(fired).toEqual([]);
    expect(clock.slept).toEqual([]);
  });
});
