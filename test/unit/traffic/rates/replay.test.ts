// A replayed shape as the rate schedule reads it, and its CSV: pure logic, no services.
import { PlannerConfig, planCursor } from "@gg/traffic/gourmetgram/plan";
import { parseShapeCsv, peakRate, RateSchedule, rateAt, shapeCsv } from "@gg/traffic/rates";
import { anchorReplay, StartStream } from "@gg/traffic/streams";
import { describe, expect, it } from "vitest";

const T0 = Date.parse("2026-12-01T10:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const schedule = (replay: Record<string, unknown>) =>
  RateSchedule.parse({ replay: { start: at(0).toISOString(), ...replay } });

describe("a replay schedule", () => {
  it("gives minute i of the shape counts[i] x scale events, from its start", () => {
    const s = schedule({ counts: [60, 120, 0, 30], scale: 2 });
    expect([-1, 0, 1, 2, 3, 4].map((m) => rateAt(s, at(m)) * 60)).toEqual([0, 120, 240, 0, 60, 0]);
    expect(peakRate(s)).toBe(4);
  });

  it("starts again after its last minute with loop", () => {
    const s = schedule({ counts: [6, 12], loop: true });
    expect([0, 1, 2, 3, 100].map((m) => rateAt(s, at(m)) * 60)).toEqual([6, 12, 6, 12, 6]);
  });

  it("draws each minute's count exactly with exact, Poisson around it otherwise", () => {
    const plan = (exact: boolean, minute: number) =>
      planCursor({
        seed: "replay",
        minute: at(minute),
        config: PlannerConfig.parse({
          rate: { replay: { counts: [37, 500], exact, start: at(0).toISOString() } },
        }),
        state: { users: [], images: [] },
        dataset: null,
      }).count;
    expect([plan(true, 0), plan(true, 1)]).toEqual([37, 500]);
    expect([plan(false, 0), plan(false, 1)]).not.toEqual([37, 500]);
  });

  it("is anchored at a stream's first minute boundary when it names no start", () => {
    const config = StartStream.parse({ profile: { replay: { counts: [1] } } });
    const anchored = anchorReplay(config, new Date(T0 + 30_000));
    expect(anchored.profile?.replay).toEqual({ counts: [1], start: at(1).toISOString() });
    expect(anchorReplay(anchored, new Date(T0 + 600_000))).toBe(anchored);
  });
});

describe("a minute,count CSV", () => {
  it("round-trips, and a minute it skips counts 0", () => {
    const rows = [0, 1, 2].map((m) => ({ minute: at(m), count: m * 10 }));
    expect(parseShapeCsv(shapeCsv(rows))).toEqual({ start: at(0), counts: [0, 10, 20] });
    const gap = "minute,count\n2026-12-01T10:03:00Z,5\n2026-12-01T10:00Z,2\n";
    expect(parseShapeCsv(gap).counts).toEqual([2, 0, 0, 5]);
  });

  it("refuses a bad line, naming it, and a shape of no minute", () => {
    expect(() => parseShapeCsv("minute,count\n2026-12-01T10:00Z,-1")).toThrow(/line 2/);
    expect(() => parseShapeCsv("minute,count\nyesterday,4")).toThrow(/line 2/);
    expect(() => parseShapeCsv("minute,count\n")).toThrow(/no minute/);
  });
});
