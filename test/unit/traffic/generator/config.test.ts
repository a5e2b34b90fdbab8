import {
  generatorSettingsFromEnv,
  KICK_LEAD_MS,
  KICK_SOURCE,
  kickEvent,
  scheduledTrigger,
} from "@gg/traffic/generator";
import { backoffMs, classifyStatus, DEFAULT_RETRY, plannerConfigOf } from "@gg/traffic/gourmetgram";
import { seedOf } from "@gg/traffic/minute";
import { rateAt } from "@gg/traffic/rates";
import { StartStream } from "@gg/traffic/streams";
import { describe, expect, it } from "vitest";

const NOON = new Date("2026-03-01T12:00:00Z");

describe("plannerConfigOf", () => {
  it("reads a numeric stream rate per second and a string with its unit", () => {
    expect(rateAt(plannerConfigOf({ rate: 2 }).rate, NOON)).toBeCloseTo(2);
    expect(rateAt(plannerConfigOf({ rate: "150/h" }).rate, NOON)).toBeCloseTo(150 / 3600);
    expect(rateAt(plannerConfigOf({ rate: "600/min" }).rate, NOON)).toBeCloseTo(10);
  });

  it("merges the profile into the schedule and passes mix, mode and viral through", () => {
    const stored = StartStream.parse({
      rate: 1,
      profile: { bursts: [{ start: "2026-03-01T12:00:00Z", duration: "5m", multiplier: 4 }] },
      mix: "realistic",
      mode: "simulate_viral",
      viral: { views: 5, comments: 1, flags: 0 },
    });
    const config = plannerConfigOf(stored, { testAccountRate: 0.5 });
    expect(rateAt(config.rate, NOON)).toBeCloseTo(4);
    expect(rateAt(config.rate, new Date("2026-03-01T12:10:00Z"))).toBeCloseTo(1);
    expect(config.mix.view).toBeCloseTo(0.68);
    expect(config).toMatchObject({ mode: "simulate_viral", testAccountRate: 0.5 });
    expect(config.viral).toMatchObject({ views: 5, comments: 1, flags: 0 });
  });

  it("applies the stream's own settings (segments, sessions), its test-account rate over the default", () => {
    const stored = StartStream.parse({
      rate: 1,
      settings: {
        segments: { casual: { share: 0 }, power: { activity: 9 } },
        sessions: { continueProbability: 0.5 },
        testAccountRate: 0.1,
      },
    });
    const config = plannerConfigOf(stored, { testAccountRate: 0.5 });
    expect(config.segments.casual.share).toBe(0);
    expect(config.segments.power.activity).toBe(9);
    expect(config.sessions.continueProbability).toBe(0.5);
    expect(config.testAccountRate).toBe(0.1);
    // Without its own, the generator-wide default holds.
    const { testAccountRate: _, ...rest } = stored.settings as Record<string, unknown>;
    expect(plannerConfigOf({ ...stored, settings: rest }, { testAccountRate: 0.5 })).toMatchObject({
      testAccountRate: 0.5,
    });
  });

  it("refuses settings it does not know, located under settings", () => {
    expect(() => plannerConfigOf({ settings: { segmnts: {} } })).toThrow(/settings/);
    expect(() => plannerConfigOf({ settings: { testAccountRate: 2 } })).toThrow(/testAccountRate/);
  });

  it("refuses a configuration that cannot plan", () => {
    expect(() => plannerConfigOf({ rate: "fast" })).toThrow(/arrival rate/);
    expect(() => plannerConfigOf({ mix: "view=-1" })).toThrow(/mix/);
  });

  it("seeds with the stream's seed, else its id", () => {
    expect(seedOf({ stream_id: "abc", config: { seed: 7 } })).toBe(7);
    expect(seedOf({ stream_id: "abc", config: {} })).toBe("abc");
  });
});

describe("generatorSettingsFromEnv", () => {
  it("takes the original's defaults: 150 events per hour, uniform mix, 2% test accounts", () => {
    const s = generatorSettingsFromEnv({});
    expect(s.defaultStream).toMatchObject({
      scenario: "gourmetgram",
      rate: "150/h",
      mode: "poisson",
    });
    expect(s).toMatchObject({
      apiUrl: "http://localhost:8000",
      testAccountRate: 0.02,
      timeScale: 1,
    });
    expect(rateAt(plannerConfigOf(s.defaultStream).rate, NOON)).toBeCloseTo(150 / 3600);
  });

  it("reads GENERATOR_* variables (bare rate per hour, or with a unit)", () => {
    const s = generatorSettingsFromEnv({
      GENERATOR_ARRIVAL_RATE: "3000",
      GENERATOR_MODE: "simulate_viral",
      GENERATOR_TARGET_IMAGE_ID: "00000000-0000-4000-8000-000000000009",
      GENERATOR_BURST_VIEWS: "120",
      GENERATOR_SEED: "42",
      GENERATOR_MIX: "view=1",
      GENERATOR_INITIAL_USERS: "5",
      GENERATOR_API_URL: "http://127.0.0.1:9999/",
      API_KEY: "k",
    });
    expect(rateAt(plannerConfigOf(s.defaultStream).rate, NOON)).toBeCloseTo(3000 / 3600);
    expect(s.defaultStream).toMatchObject({ seed: 42, mix: "view=1", mode: "simulate_viral" });
    expect(plannerConfigOf(s.defaultStream).viral).toMatchObject({
      targetImageId: "00000000-0000-4000-8000-000000000009",
      views: 120,
      comments: 8,
      flags: 2,
    });
    expect(s).toMatchObject({ initialUsers: 5, apiKey: "k" });
    const perSecond = generatorSettingsFromEnv({ GENERATOR_ARRIVAL_RATE: "10/s" });
    expect(rateAt(plannerConfigOf(perSecond.defaultStream).rate, NOON)).toBeCloseTo(10);
    expect(() => generatorSettingsFromEnv({ GENERATOR_ARRIVAL_RATE: "lots" })).toThrow(/rate/);
  });
});

describe("scheduledTrigger", () => {
  const now = new Date("2026-03-01T12:34:56.789Z");
  it("serves the minute after an EventBridge event's time, and says how late it came", () => {
    const event = { "detail-type": "Scheduled Event", time: "2026-03-01T12:34:00Z", detail: {} };
    expect(scheduledTrigger(event, now)).toEqual({
      minute: new Date("2026-03-01T12:35:00.000Z"),
      scheduledAt: new Date("2026-03-01T12:34:00.000Z"),
      arrivedAt: now,
      delayMs: 56_789,
    });
    // LocalStack's scheduler names the second it ran at: still the next minute.
    expect(scheduledTrigger({ time: "2026-03-01T10:15:42Z" }, now).minute.toISOString()).toBe(
      "2026-03-01T10:16:00.000Z",
    );
  });
  it("serves the minute after the delivery for SST Cron's {} (or anything without a time)", () => {
    for (const event of [{}, undefined, null, { time: "garbage" }]) {
      expect(scheduledTrigger(event, now)).toMatchObject({
        minute: new Date("2026-03-01T12:35:00.000Z"),
        delayMs: null,
      });
    }
  });
  it("serves the minute a kick names, at least its lead ahead, with no trigger delay", () => {
    // At 12:34:56.789 the next minute starts in 3.2 s, under the lead: the kick names the one after.
    const kick = kickEvent(now);
    expect(kick).toEqual({
      source: KICK_SOURCE,
      "detail-type": "Stream started",
      minute: "2026-03-01T12:36:00.000Z",
    });
    expect(scheduledTrigger(kick, now)).toEqual({
      minute: new Date("2026-03-01T12:36:00.000Z"),
      scheduledAt: now,
      arrivedAt: now,
      delayMs: null,
    });
    // Earlier in a minute, the next one.
    expect(kickEvent(new Date("2026-03-01T12:34:49.999Z")).minute).toBe("2026-03-01T12:35:00.000Z");
    expect(kickEvent(new Date("2026-03-01T12:34:50.000Z")).minute).toBe("2026-03-01T12:36:00.000Z");
    expect(KICK_LEAD_MS).toBe(10_000);
    // Not a kick: another source, or a minute that is not whole, is read as a scheduled delivery.
    for (const event of [
      { source: "aws.events", minute: "2026-03-01T12:36:00.000Z" },
      { source: KICK_SOURCE, minute: "2026-03-01T12:36:30.000Z" },
      { source: KICK_SOURCE, minute: "soon" },
    ]) {
      expect(scheduledTrigger(event, now).minute.toISOString()).toBe("2026-03-01T12:35:00.000Z");
    }
  });
});

describe("retry policy", () => {
  it("classifies answers", () => {
    expect(classifyStatus(200, "")).toBe("ok");
    expect(classifyStatus(503, "")).toBe("retry");
    expect(classifyStatus(429, "")).toBe("retry");
    expect(classifyStatus(422, "")).toBe("fail");
    expect(classifyStatus(404, "")).toBe("fail");
    expect(classifyStatus(409, '{"detail":"Idempotency-Key was already used"}')).toBe("duplicate");
    expect(classifyStatus(409, '{"detail":"could not serialize"}')).toBe("retry");
  });
  it("backs off exponentially with jitter, capped", () => {
    const p = DEFAULT_RETRY;
    expect(backoffMs(p, 1, 0)).toBe(p.baseMs / 2);
    expect(backoffMs(p, 1, 0.999)).toBeLessThan(p.baseMs);
    expect(backoffMs(p, 3, 0)).toBe((p.baseMs * 4) / 2);
    expect(backoffMs(p, 30, 0.999)).toBeLessThanOrEqual(p.maxMs);
  });
});
