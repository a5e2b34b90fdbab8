// Which minute a change reaches, and a patch read as a start: pure logic, no services.
import { DEFAULT_RATE_CEILINGS } from "@gg/traffic/scenarios";
import {
  firstUnpreparedMinute,
  PatchStream,
  patchedConfig,
  StartStream,
} from "@gg/traffic/streams";
import { describe, expect, it } from "vitest";

const at = (iso: string) => new Date(iso);

describe("the first minute a change reaches", () => {
  it("is the next minute while its preparation (20 s ahead, 2 s slack) is still to come", () => {
    expect(firstUnpreparedMinute(at("2026-12-01T10:00:00Z"), null)).toEqual(
      at("2026-12-01T10:01Z"),
    );
    expect(firstUnpreparedMinute(at("2026-12-01T10:00:37.999Z"), null)).toEqual(
      at("2026-12-01T10:01Z"),
    );
  });

  it("is the one after once the next is being prepared", () => {
    expect(firstUnpreparedMinute(at("2026-12-01T10:00:38.001Z"), null)).toEqual(
      at("2026-12-01T10:02Z"),
    );
    expect(firstUnpreparedMinute(at("2026-12-01T10:00:59Z"), null)).toEqual(
      at("2026-12-01T10:02Z"),
    );
  });

  it("is after every minute already claimed (a late trigger, a backfill ahead of time)", () => {
    expect(firstUnpreparedMinute(at("2026-12-01T10:00:05Z"), at("2026-12-01T10:04Z"))).toEqual(
      at("2026-12-01T10:05Z"),
    );
    expect(firstUnpreparedMinute(at("2026-12-01T10:00:05Z"), at("2026-12-01T09:59Z"))).toEqual(
      at("2026-12-01T10:01Z"),
    );
  });
});

describe("a patch", () => {
  const stream = {
    started_at: "2026-12-01T10:00:00.000000+00:00",
    config: StartStream.parse({ rate: "60/min", seed: "s", max_count: 100, duration: 600 }),
  };
  const apply = (body: unknown) =>
    patchedConfig(stream, PatchStream.parse(body), DEFAULT_RATE_CEILINGS);

  it("replaces the keys it names and keeps the others; null clears", () => {
    expect(apply({ rate: "2/s", mix: "uniform", max_count: null })).toMatchObject({
      rate: "2/s",
      mix: "uniform",
      seed: "s",
      duration: 600,
      scenario: "gourmetgram",
    });
    expect(apply({ max_count: null })).not.toHaveProperty("max_count");
  });

  it("reads ends_at as a duration from the stream's start", () => {
    expect(apply({ ends_at: "2026-12-01T11:00:00Z" }).duration).toBe(3600);
    expect(apply({ ends_at: null })).not.toHaveProperty("duration");
  });

  it("is refused where a start would be, located", () => {
    const loc = (body: unknown) => {
      try {
        apply(body);
      } catch (e) {
        return (e as { loc?: unknown }).loc;
      }
      return "accepted";
    };
    expect(loc({ rate: "5000/s" })).toEqual(["body", "rate"]);
    expect(loc({ profile: { daily: true, bursts: [{}] } })?.toString()).toMatch(/^body,profile/);
    expect(loc({ ends_at: "2026-12-01T09:00:00Z" })).toEqual(["body", "ends_at"]);
    expect(loc({ ends_at: "2028-12-01T09:00:00Z" })).toEqual(["body", "ends_at"]);
    expect(PatchStream.safeParse({ seed: 1 }).success).toBe(false);
    expect(PatchStream.safeParse({}).success).toBe(false);
  });
});
