import { checkMinuteSize, MAX_EVENTS_PER_MINUTE } from "@gg/traffic/minute";
import { minuteCeiling, PROCESS_MAX_RATE } from "@gg/traffic/rates";
import { rateCeilingsFromEnv } from "@gg/traffic/scenarios";
import { describe, expect, it } from "vitest";

describe("rate ceilings: one story from admission to the minute", () => {
  it("reads the env's ceilings, refusing one above what a generator process fires", () => {
    expect(rateCeilingsFromEnv({})).toEqual({ gourmetgram: 2_000, clickstream: 20_000 });
    expect(rateCeilingsFromEnv({ GENERATOR_MAX_RATE: "600/min" }).gourmetgram).toBe(10);
    expect(() => rateCeilingsFromEnv({ CLICKSTREAM_MAX_RATE: "30000/s" })).toThrow(
      /CLICKSTREAM_MAX_RATE: 30,000 events\/s is above the 20,000 events\/s/,
    );
    expect(() => rateCeilingsFromEnv({ GENERATOR_MAX_RATE: "fast" })).toThrow(/GENERATOR_MAX_RATE/);
  });

  it("a minute's bound is the ceiling's λ plus 7σ: an admitted stream's count stays under it", () => {
    expect(minuteCeiling(10)).toBe(Math.ceil(600 + 7 * Math.sqrt(600)));
    expect(MAX_EVENTS_PER_MINUTE).toBe(minuteCeiling(PROCESS_MAX_RATE));
    // A stream admitted at exactly the ceiling draws ~λ ± √λ: far from the bound.
    expect(() => checkMinuteSize("s", 2_000 * 60 + 5 * Math.sqrt(120_000), 2_000)).not.toThrow();
    expect(() => checkMinuteSize("s", minuteCeiling(2_000) + 1, 2_000)).toThrow(
      /stream s: .* above the ceiling of 122425 \(a stream at 2,000 events\/s/,
    );
    // Without the deployment's ceiling, the per-process bound.
    expect(() => checkMinuteSize("s", MAX_EVENTS_PER_MINUTE)).not.toThrow();
    expect(() => checkMinuteSize("s", MAX_EVENTS_PER_MINUTE + 1)).toThrow(/20,000 events\/s/);
  });
});
