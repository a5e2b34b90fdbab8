import { MinuteTally } from "@gg/traffic/minute";
import { describe, expect, it } from "vitest";

describe("MinuteTally.errors", () => {
  it("keeps every failure while there are at most five", () => {
    const tally = new MinuteTally();
    for (let i = 1; i <= 5; i++) tally.error(`e${i}`);
    expect(tally.figures().errors).toEqual(["e1", "e2", "e3", "e4", "e5"]);
  });

  it("keeps the first four, how many were left out, and the latest", () => {
    const tally = new MinuteTally();
    for (let i = 1; i <= 40; i++) tally.error(`e${i}`);
    expect(tally.figures().errors).toEqual(["e1", "e2", "e3", "e4", "(35 more)", "e40"]);
  });
});
