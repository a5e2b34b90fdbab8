import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashMigrations } from "../../../infra/migrations-hash";

// The digest triggers the migrate invocation on deploy: it must change exactly when a migration
// is added or edited, and not with unrelated files or directory listing order.
describe("hashMigrations", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "gg-migrations-"));
    writeFileSync(join(dir, "0001_a.sql"), "create table a();");
    writeFileSync(join(dir, "0002_b.sql"), "create table b();");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is stable and ignores non-SQL files", () => {
    const before = hashMigrations(dir);
    writeFileSync(join(dir, "README.md"), "notes");
    expect(hashMigrations(dir)).toBe(before);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a migration is edited or added", () => {
    const before = hashMigrations(dir);
    writeFileSync(join(dir, "0002_b.sql"), "create table b(id int);");
    const edited = hashMigrations(dir);
    expect(edited).not.toBe(before);
    writeFileSync(join(dir, "0003_c.sql"), "");
    expect(hashMigrations(dir)).not.toBe(edited);
  });

  it("tells a renamed file from the same bytes", () => {
    const before = hashMigrations(dir);
    rmSync(join(dir, "0002_b.sql"));
    writeFileSync(join(dir, "0002_bb.sql"), "create table b();");
    expect(hashMigrations(dir)).not.toBe(before);
  });

  it("refuses a folder without migrations", () => {
    const empty = mkdtempSync(join(tmpdir(), "gg-migrations-empty-"));
    try {
      expect(() => hashMigrations(empty)).toThrow(/no \.sql migrations/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("hashes the repo's real migrations", () => {
    expect(hashMigrations(join(import.meta.dirname, "../../../packages/core/migrations"))).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });
});
