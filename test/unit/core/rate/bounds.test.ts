import { createRandom } from "@gg/core/random";
import { DurationInput, MAX_RATE_CHARS, parseRate, RATE_PATTERNS } from "@gg/core/rate";
import { MAX_BURSTS, peakRate, RateSchedule } from "@gg/traffic/rates";
import { describe, expect, it } from "vitest";

const ms = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

// The inputs that made the old patterns backtrack: a token, a long run of spaces, then a
// character that cannot match, so every split of the run between two `\s*` was tried.
const attacks = (n: number) => [
  `1${" ".repeat(n)}x`,
  `${" ".repeat(n)}1x`,
  `1 /${" ".repeat(n)}`,
  `1${"\t".repeat(n)}/s!`,
  `${"1".repeat(n)}x`,
  `1.${"1".repeat(n)}e`,
];

describe("rate and duration parsing is bounded and linear", () => {
  it("each pattern fails a 200,000-character worst case in one pass", () => {
    // Quadratic, the old RATE took 0.35 s on 20,000 spaces; 200,000 would take ~35 s. One pass
    // takes a few ms; the bound leaves room for the suite's other files on the same two cores.
    for (const [name, pattern] of Object.entries(RATE_PATTERNS)) {
      for (const input of attacks(200_000)) {
        expect(
          ms(() => pattern.exec(input)),
          `${name} on ${JSON.stringify(input.slice(0, 8))}…`,
        ).toBeLessThan(500);
      }
    }
  });

  it("refuses text past the cap before any pattern runs, without echoing it", () => {
    const huge = `1${" ".repeat(6_000_000)}x`;
    expect(
      ms(() => expect(() => parseRate(huge)).toThrow(/longer than 40 characters/)),
    ).toBeLessThan(500);
    const r = DurationInput.safeParse(huge);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues).length).toBeLessThan(500);
    expect(parseRate(`${" ".repeat(MAX_RATE_CHARS - 4)}10/s`)).toBe(10);
  });

  it("still reads every form it read before", () => {
    expect(parseRate(" 2 / sec ")).toBe(2);
    expect(parseRate("1e3/min")).toBeCloseTo(1000 / 60, 12);
    expect(parseRate("10 /s")).toBe(10);
    expect(DurationInput.parse(" 90 s ")).toBe(90_000);
    expect(DurationInput.parse("1.5h")).toBe(5_400_000);
    expect(DurationInput.parse("250ms")).toBe(250);
    for (const bad of ["1 x", "1//s", "1 s", "s", "1e/s", "90 sec"]) {
      expect(() => parseRate(bad), bad).toThrow(/bad arrival rate/);
    }
    expect(DurationInput.safeParse("90 x").success).toBe(false);
  });

  it("caps a schedule's instants and its bursts", () => {
    const burst = { start: "2026-11-23T10:00:00Z", duration: "10m", multiplier: 2 };
    expect(RateSchedule.safeParse({ bursts: Array(MAX_BURSTS).fill(burst) }).success).toBe(true);
    const many = RateSchedule.safeParse({ bursts: Array(MAX_BURSTS + 1).fill(burst) });
    expect(many.error?.issues[0]).toMatchObject({ code: "too_big", path: ["bursts"] });
    const long = RateSchedule.safeParse({ bursts: [{ ...burst, start: "2".repeat(65) }] });
    expect(long.error?.issues[0]).toMatchObject({ code: "too_big", path: ["bursts", 0, "start"] });
    expect(RateSchedule.safeParse({ bursts: [{ ...burst, start: true }] }).success).toBe(false);
    const epoch = RateSchedule.parse({ bursts: [{ ...burst, start: Date.parse(burst.start) }] });
    expect(epoch.bursts[0]?.start.toISOString()).toBe("2026-11-23T10:00:00.000Z");
  });
});

describe("peakRate's bursts", () => {
  // The product of the multipliers above 1 of the bursts active at each start: the old O(n²) rule.
  const bruteForce = (s: RateSchedule) => {
    let worst = 1;
    for (const at of s.bursts) {
      const t = at.start.getTime();
      let f = 1;
      for (const b of s.bursts) {
        const start = b.start.getTime();
        if (start <= t && t < start + b.duration) f *= Math.max(1, b.multiplier);
      }
      worst = Math.max(worst, f);
    }
    return worst;
  };
  const t0 = Date.parse("2026-11-23T00:00:00Z");
  const randomBursts = (seed: number, n: number) => {
    const r = createRandom(seed, "bursts");
    // Starts on a coarse grid, so bursts touch, nest and share edges often.
    return Array.from({ length: n }, () => ({
      start: new Date(t0 + Math.floor(r.next() * 40) * 60_000),
      duration: (1 + Math.floor(r.next() * 20)) * 60_000,
      multiplier: [0, 0.5, 1, 1.5, 2, 3][Math.floor(r.next() * 6)] as number,
    }));
  };

  it("equals the pairwise product at the worst instant (seeded cases)", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const schedule: RateSchedule = {
        base: 1,
        bursts: randomBursts(seed, 1 + (seed % MAX_BURSTS)),
      };
      expect(peakRate(schedule), `seed ${seed}`).toBeCloseTo(bruteForce(schedule), 9);
    }
  });

  it("counts windows half-open: a burst that ends as another starts never multiplies with it", () => {
    const b = (min: number, multiplier: number) => ({
      start: new Date(t0 + min * 60_000),
      duration: 10 * 60_000,
      multiplier,
    });
    expect(peakRate({ base: 1, bursts: [b(0, 3), b(10, 4)] })).toBe(4);
    expect(peakRate({ base: 1, bursts: [b(0, 3), b(9, 4)] })).toBe(12);
    expect(peakRate({ base: 2, bursts: [b(0, 0.5)] })).toBe(2);
  });

  it("stays fast far past the cap (the schema allows 64)", () => {
    // A sweep, not pairs: pairwise, 30,000 bursts took 1.2 s, so 200,000 would take ~50 s. The
    // bound is far above the sweep's time and far below the pairs', because this is real CPU time
    // on a machine the integration files share.
    const schedule: RateSchedule = { base: 1, bursts: randomBursts(7, 200_000) };
    const took = ms(() => peakRate(schedule));
    console.log(`peakRate over 200,000 bursts: ${took.toFixed(0)} ms`);
    expect(took).toBeLessThan(5_000);
  });
});

describe("a ramp with a bad instant", () => {
  it("is an issue located at the instant, never a crash in the ramp's own check", () => {
    for (const start of ["2".repeat(65), "not a date"]) {
      const r = RateSchedule.safeParse({
        ramp: { from: 1, to: 2, start, end: "2026-11-23T10:00:00Z" },
      });
      expect(r.error?.issues[0]?.path, start).toEqual(["ramp", "start"]);
    }
  });
});
