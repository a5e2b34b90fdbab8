import { PlannerConfig } from "@gg/traffic/gourmetgram/plan";
import {
  imagesOf,
  MAX_SAMPLE,
  MIN_SAMPLE,
  sampleSize,
  scaleOf,
} from "@gg/traffic/gourmetgram/state";
import { describe, expect, it } from "vitest";

const row = (image_id: string, kind: number, sample_key = 0.5) => ({ image_id, kind, sample_key });

describe("imagesOf", () => {
  it("a whole table read gives the exact counts and the original's weight 1 + v + 2c + 3f", () => {
    const rows = [
      row("a", 0),
      row("b", 0),
      row("a", 1),
      row("a", 1),
      row("a", 2),
      row("b", 3),
      row("a", 3),
    ];
    expect(imagesOf(rows, 1)).toEqual([
      { id: "a", views: 2, comments: 1, flags: 1, weight: 1 + 2 + 2 + 3 },
      { id: "b", views: 0, comments: 0, flags: 1, weight: 1 + 3 },
    ]);
  });

  it("a sample scales each image's points by the rows each sampled row stands for", () => {
    // b's upload row was not sampled: its weight is its flag's 3 points, scaled.
    const [a, b] = imagesOf([row("a", 0), row("b", 3), row("a", 1)], 10);
    expect(a).toMatchObject({ id: "a", views: 10, weight: 20 });
    expect(b).toMatchObject({ id: "b", flags: 10, weight: 30 });
  });
});

describe("scaleOf", () => {
  it("is 1 when the window held fewer rows than asked (the whole table was read)", () => {
    expect(scaleOf([0.6, 0.7, 0.1], 0.5, 4)).toBe(1);
  });

  it("estimates table rows per sampled row from the key span, across the wrap", () => {
    // 101 keys spanning 0.1 of the key space: ~1000 rows in the table, ~9.9 per sampled row.
    const keys = Array.from({ length: 101 }, (_, i) => (0.95 + i * 0.001) % 1);
    expect(scaleOf(keys, 0.95, 101)).toBeCloseTo(100 / 0.1 / 101, 6);
  });
});

describe("sampleSize", () => {
  const minute = new Date("2026-11-23T10:00:00Z");
  it("follows the minute's expected events, between the floor and the ceiling", () => {
    expect(sampleSize(PlannerConfig.parse({ rate: { base: "150/h" } }), minute)).toBe(MIN_SAMPLE);
    expect(sampleSize(PlannerConfig.parse({ rate: { base: "100/s" } }), minute)).toBe(24_000);
    expect(sampleSize(PlannerConfig.parse({ rate: { base: "1000/s" } }), minute)).toBe(MAX_SAMPLE);
  });
});
