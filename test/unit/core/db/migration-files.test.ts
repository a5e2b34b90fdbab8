import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checksum, databaseUrl, defaultMigrationsDir, readMigrations } from "@gg/core/db";
import { describe, expect, it } from "vitest";

describe("migration files", () => {
  it("reads only .sql files, in lexicographic order, versioned by file name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gg-mig-"));
    try {
      await writeFile(join(dir, "0002_b.sql"), "select 2;");
      await writeFile(join(dir, "0001_a.sql"), "select 1;");
      await writeFile(join(dir, "README.md"), "not a migration");
      const ms = await readMigrations(dir);
      expect(ms).toEqual([
        { version: "0001_a", sql: "select 1;" },
        { version: "0002_b", sql: "select 2;" },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("checksums content, ignoring CRLF vs LF", () => {
    expect(checksum("a;\r\nb;")).toBe(checksum("a;\nb;"));
    expect(checksum("a;\nb;")).not.toBe(checksum("a;\nc;"));
    expect(checksum("x")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("defaults to packages/core/migrations", () => {
    expect(defaultMigrationsDir()).toMatch(/packages[/\\]core[/\\]migrations$/);
  });

  it("swaps the database of a URL and refuses unsafe names", () => {
    expect(databaseUrl("postgres://u:p@127.0.0.1:5432/postgres?sslmode=disable", "gg_test_1")).toBe(
      "postgres://u:p@127.0.0.1:5432/gg_test_1?sslmode=disable",
    );
    expect(() => databaseUrl("postgres://h/db", 'x"; drop')).toThrow(/database name/);
  });
});
