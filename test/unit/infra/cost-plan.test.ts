import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  costTable,
  generatorLine,
  natLines,
  publicStageLines,
  STAGING_GENERATOR,
  total,
} from "../../../infra/cost-plan";

// The monthly bill of staging, line by line: the README prints this table, and these totals are
// the figures the README's choices and its "why not under $20" paragraph quote.
const root = resolve(import.meta.dirname, "../../..");
const base = publicStageLines();
const withGenerator = (concurrent: number, memoryMb: number) =>
  Math.round(total([...base, generatorLine({ concurrent, memoryMb })]) * 100) / 100;

describe("the staging cost table", () => {
  it("adds up as the README says", () => {
    expect(Math.round(total(base) * 100) / 100).toBe(19.11);
    expect(withGenerator(15 / 14, 256)).toBe(28.5);
    expect(withGenerator(15 / 14, 128)).toBe(23.8);
    expect(withGenerator(2, 256)).toBe(36.63);
    expect(Math.round(total(natLines(2)) * 100) / 100).toBe(11.06);
    expect(Math.round(total(natLines(1)) * 100) / 100).toBe(3.71);
  });

  it("is the table infra/README.md shows", () => {
    const printed = execFileSync(
      process.execPath,
      ["--import", "tsx", "infra/scripts/cost-table.ts"],
      {
        cwd: root,
        encoding: "utf8",
      },
    ).trim();
    expect(printed).toBe(costTable([...base, generatorLine(STAGING_GENERATOR)]));
    // Cells compared without the padding a formatter adds to align the columns.
    const cells = (md: string) => md.replace(/ *\| */g, "|").replace(/\|-+(?=\|)/g, "|---");
    expect(cells(readFileSync(resolve(root, "infra/README.md"), "utf8"))).toContain(cells(printed));
  });
});
