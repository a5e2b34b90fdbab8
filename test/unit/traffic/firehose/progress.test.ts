import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../../../packages/traffic/src/cli/firehose/config";
import { progressLine } from "../../../../packages/traffic/src/firehose/render";
import {
  createRateMeter,
  doneFraction,
  sumCounters,
} from "../../../../packages/traffic/src/firehose/report";

describe("firehose progress and CLI", () => {
  it("sums lane counters, per topic too", () => {
    const a = { events: 3, bytes: 30, errors: 0, generated: 4, perTopic: { x: 2, y: 1 } };
    const b = { events: 5, bytes: 50, errors: 1, generated: 6, perTopic: { x: 5 } };
    expect(sumCounters([a, b])).toEqual({
      events: 8,
      bytes: 80,
      errors: 1,
      generated: 10,
      perTopic: { x: 7, y: 1 },
    });
  });

  it("measures the rate over the last second or two only", () => {
    const meter = createRateMeter(1_000);
    meter(0, 0);
    meter(500, 100_000);
    meter(1_000, 200_000);
    // A stall: no new events for 2 s, and the rate falls to 0 instead of averaging the past.
    meter(2_000, 200_000);
    expect(meter(3_000, 200_000)).toBe(0);
    // The window keeps the newest sample at least a second old: here 2000 ms, so 50k in 1.5 s.
    expect(meter(3_500, 250_000)).toBeCloseTo(33_333, 0);
  });

  it("reports how far a bounded run is, by the larger share", () => {
    expect(doneFraction(50, 1_000, { count: 100, durationMs: 10_000 })).toBe(0.5);
    expect(doneFraction(10, 9_000, { count: 100, durationMs: 10_000 })).toBe(0.9);
    expect(doneFraction(10, 9_000, {})).toBeUndefined();
  });

  it("draws a bar when bounded", () => {
    const line = progressLine({
      elapsedMs: 2_000,
      events: 200_000,
      bytes: 100e6,
      errors: 0,
      generated: 200_000,
      ratePerSec: 100_000,
      fraction: 0.5,
    });
    expect(line).toMatch(
      /^\[#{12}\.{12}\] {2}50% {2}200,000 ev {2}100,000 ev\/s {2}50\.0 MB\/s {2}0 err/,
    );
  });

  it("parses CLI flags into options", () => {
    const r = parseCliArgs([
      "--scenario",
      "gourmetgram",
      "--count",
      "1000",
      "--rate",
      "5000",
      "--topic",
      "views=v.test",
      "--mix",
      "views=3,uploads=1",
      "--report-memory",
    ]);
    expect(r).toEqual({
      reportMemory: true,
      options: expect.objectContaining({
        scenario: "gourmetgram",
        count: 1_000,
        rate: 5_000,
        topics: { views: "v.test" },
        mix: { views: 3, uploads: 1 },
      }),
    });
    expect(r).not.toHaveProperty("options.durationSec");
    expect(parseCliArgs(["--bogus"])).toHaveProperty("error");
  });

  it.each([
    [["--rate", "abc"], '--rate: expected a number, got "abc"'],
    [["--duration", ""], '--duration: expected a number, got ""'],
    [["--batch", "0"], "--batch: Too small: expected number to be >=1"],
    [["--rate", "1e12"], "--rate: Too big: expected number to be <=10000000"],
    [["--compression", "zstd"], "--compression: "],
    [["--scenario", "gourmetgram", "--kinds", "users"], "--kinds does not apply to --scenario"],
    [
      ["--settings", '{"prices":{"books":[9,1]}}'],
      "--settings prices.books: a range is [min, max]",
    ],
    [["--settings", '{"segments":{"vip":{}}}'], "--settings segments: Unrecognized key"],
  ])("refuses %j at once, in one line naming the flag", (argv, message) => {
    const r = parseCliArgs(argv);
    expect(r).toHaveProperty("error");
    const error = (r as { error: string }).error;
    expect(error).toContain(message);
    expect(error).not.toContain("\n");
  });

  it("passes clickstream settings through to the options", () => {
    const r = parseCliArgs(["--settings", '{"segments":{"premium":{"share":0.5}}}']);
    expect(r).toMatchObject({ options: { settings: { segments: { premium: { share: 0.5 } } } } });
  });
});
