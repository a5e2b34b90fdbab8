import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  costTable,
  generatorLine,
  HOLDER,
  natLines,
  publicStageLines,
  STAGING_WAKE,
  stagingLines,
  total,
  wakeMonth,
  wakeWindowsPerMinute,
} from "../../../infra/cost-plan";
import { runChild } from "../../../infra/scripts/child";

// The monthly bill of staging, line by line: the README prints this table, and these totals are
// the figures the README's choices quote.
const root = resolve(import.meta.dirname, "../../..");
const base = publicStageLines();
const withGenerator = (concurrent: number, memoryMb: number) =>
  Math.round(total([...base, generatorLine({ concurrent, memoryMb })]) * 100) / 100;
const cents = (usd: number) => Math.round(usd * 100) / 100;

describe("the staging cost table", () => {
  it("adds up as the README says", () => {
    expect(cents(total(base))).toBe(18.61);
    expect(cents(total(stagingLines()))).toBe(19.87);
    // The holder it replaces, and the holder at 128 MB.
    expect(withGenerator(HOLDER.concurrent, 256)).toBe(28);
    expect(withGenerator(HOLDER.concurrent, 128)).toBe(23.3);
    expect(withGenerator(2, 256)).toBe(36.13);
    expect(cents(total(natLines(2)))).toBe(11.06);
    expect(cents(total(natLines(1)))).toBe(3.71);
  });

  it("counts the windows a Poisson minute is cut into as a simulation does", () => {
    // 150 events/h, windows split by gaps over 3 s: the formula against 20,000 drawn minutes.
    let seed = 20261206;
    const uniform = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const perSecond = STAGING_WAKE.eventsPerHour / 3600;
    let windows = 0;
    let span = 0;
    const minutes = 20_000;
    for (let m = 0; m < minutes; m++) {
      let last = Number.NEGATIVE_INFINITY;
      for (
        let t = -Math.log(1 - uniform()) / perSecond;
        t < 60;
        t += -Math.log(1 - uniform()) / perSecond
      ) {
        if (t - last > STAGING_WAKE.leadSeconds) windows++;
        else span += t - last;
        last = t;
      }
    }
    const expected = wakeWindowsPerMinute(perSecond, STAGING_WAKE.leadSeconds);
    expect(windows / minutes).toBeCloseTo(expected.windows, 1);
    expect(span / minutes).toBeCloseTo(expected.span, 1);
    expect(Math.round(wakeMonth(STAGING_WAKE).windows)).toBe(96_948);
  });

  it("is the table infra/README.md shows", async () => {
    const run = await runChild(
      process.execPath,
      ["--import", "tsx", "infra/scripts/cost-table.ts"],
      { cwd: root },
    );
    expect(run.status, run.stderr).toBe(0);
    const printed = run.stdout.trim();
    expect(printed).toBe(costTable(stagingLines()));
    // Cells compared without the padding a formatter adds to align the columns.
    const cells = (md: string) => md.replace(/ *\| */g, "|").replace(/\|-+(?=\|)/g, "|---");
    expect(cells(readFileSync(resolve(root, "infra/README.md"), "utf8"))).toContain(cells(printed));
  });
});
