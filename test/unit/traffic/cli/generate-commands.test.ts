// `pnpm generate patch | plan | shape` and `--replay`, as the command line reads them: pure
// parsing and checks (a shape CSV in a temporary file), no services.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadGenerateConfig } from "../../../../packages/traffic/src/cli/generate/config";

const ENV = { DATABASE_URL: "postgres://postgres:postgres@127.0.0.1:5432/none" };
const load = (...argv: string[]) => loadGenerateConfig(argv, ENV).command;
const ID = "5eed0000-0000-4000-8000-0000000000c1";

describe("pnpm generate patch", () => {
  it("reads the flags as PATCH /stream/{id}'s body (a bare rate is per hour, none clears)", () => {
    expect(load("patch", ID, "--rate", "300", "--mix", "uniform", "--max-count", "none")).toEqual({
      kind: "patch",
      stream: ID,
      patch: { rate: "300/h", mix: "uniform", max_count: null },
    });
  });

  it("refuses what a stream keeps, nothing to change, and a missing id", () => {
    expect(() => load("patch", ID, "--seed", "3")).toThrow(/--seed is not something patch changes/);
    expect(() => load("patch", ID)).toThrow(/nothing to change/);
    expect(() => load("patch")).toThrow(/needs the stream's id/);
  });
});

describe("pnpm generate plan and shape", () => {
  it("reads a minute (seconds optional) and a limit, refusing year 10000 and a limit above 1,000", () => {
    expect(load("plan", "--minute", "2026-12-01T10:00Z", "--rate", "10/s")).toMatchObject({
      kind: "plan",
      minute: new Date("2026-12-01T10:00:00Z"),
      limit: 20,
    });
    expect(() => load("plan", "--minute", "10000-01-01T00:00Z")).toThrow(/--minute/);
    expect(() => load("plan", "--minute", "2026-12-01T10:00Z", "--limit", "1001")).toThrow(
      /--limit/,
    );
  });

  it("shape takes a window and a table", () => {
    expect(load("shape", "--from", "2026-11-30T00:00Z", "--to", "2026-12-01T00:00Z")).toMatchObject(
      {
        kind: "shape",
        table: "events",
      },
    );
    expect(() =>
      load("shape", "--from", "2026-11-30T00:00Z", "--to", "2026-12-01T00:00Z", "--table", "likes"),
    ).toThrow(/--table/);
  });
});

describe("--replay shape.csv", () => {
  const csv = join(mkdtempSync(join(tmpdir(), "gg-replay-")), "shape.csv");
  writeFileSync(csv, "minute,count\n2026-11-30T10:00Z,12\n2026-11-30T10:02Z,30\n");

  it("backfills the shape from --from, gaps as 0, with its options", () => {
    const { settings } = loadGenerateConfig(
      ["backfill", "--from", "2026-12-02T00:00Z", "--to", "2026-12-02T01:00Z", "--replay", csv],
      ENV,
    );
    expect(settings?.defaultStream.profile?.replay).toEqual({
      counts: [12, 0, 30],
      loop: false,
      scale: 1,
      exact: false,
      start: "2026-12-02T00:00:00.000Z",
    });
  });

  it("is checked as a start: a peak past the ceiling, and options without --replay, are refused", () => {
    // A peak of 30 a minute x 1,000 is 500/s; x 1,000 of 150 a minute is 2,500/s, above
    // GourmetGram's default ceiling of 2,000/s.
    expect(load("run", "--replay", csv, "--scale", "1000")).toMatchObject({ kind: "run" });
    const peak = join(tmpdir(), `gg-peak-${process.pid}.csv`);
    writeFileSync(peak, "minute,count\n2026-11-30T10:00Z,150\n");
    expect(() => load("run", "--replay", peak, "--scale", "1000")).toThrow(/rate too high/);
    expect(() => load("run", "--loop")).toThrow(/go with --replay/);
    expect(() => load("run", "--replay", join(tmpdir(), "no-such-shape.csv"))).toThrow(
      /cannot read/,
    );
  });
});
