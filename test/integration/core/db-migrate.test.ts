import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "@gg/core/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshDatabase, freshDatabase } from "../../support/fixtures";

// Own migrations rather than the project's: this file tests the runner, not the schema.
const files = {
  "0001_things.sql": "create table things (id int primary key, name text not null);",
  "0002_more.sql":
    "alter table things add column note text;\ninsert into things values (1, 'a', null);",
};

describe("migrate", () => {
  let dir = "";
  let db: FreshDatabase;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gg-migrations-"));
    for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
    db = await freshDatabase({ migrate: false });
  });
  afterAll(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const ledger = async () =>
    (
      await db.pool.query(
        "select version, checksum, applied_at from schema_migrations order by version",
      )
    ).rows;

  it("applies every file once, then nothing on a second run", async () => {
    expect(await migrate(db.pool, { dir })).toEqual({ applied: ["0001_things", "0002_more"] });
    const before = await ledger();
    expect(before.map((r) => r.version)).toEqual(["0001_things", "0002_more"]);
    expect(await migrate(db.pool, { dir })).toEqual({ applied: [] });
    expect(await ledger()).toEqual(before);
    // The second file's insert ran exactly once.
    expect((await db.pool.query("select count(*)::int as n from things")).rows[0].n).toBe(1);
  });

  it("applies a newly added file alone", async () => {
    await writeFile(join(dir, "0003_idx.sql"), "create index things_name on things (name);");
    expect(await migrate(db.pool, { dir })).toEqual({ applied: ["0003_idx"] });
  });

  it("refuses an applied migration whose content changed", async () => {
    await writeFile(join(dir, "0001_things.sql"), `${files["0001_things.sql"]}\n-- edited`);
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/0001_things was changed/);
    await writeFile(join(dir, "0001_things.sql"), files["0001_things.sql"]);
  });

  it("rolls back a failing file, records nothing for it, and says which one", async () => {
    await writeFile(
      join(dir, "0004_bad.sql"),
      "create table half (id int);\nselect nonsense from nowhere;",
    );
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/migration 0004_bad failed/);
    expect((await ledger()).map((r) => r.version)).not.toContain("0004_bad");
    const half = await db.pool.query("select to_regclass('half') as t");
    expect(half.rows[0].t).toBeNull();
    await rm(join(dir, "0004_bad.sql"));
  });
});

describe("migrate, concurrently", () => {
  it("two runners at once apply each file exactly once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gg-migrations-"));
    // pg_sleep widens the window in which an unlocked runner would apply the file twice.
    await writeFile(
      join(dir, "0001_slow.sql"),
      "select pg_sleep(0.5);\ncreate table once (id serial primary key);\ninsert into once default values;",
    );
    const db = await freshDatabase({ migrate: false });
    try {
      const [a, b] = await Promise.all([migrate(db.pool, { dir }), migrate(db.pool, { dir })]);
      expect([...a.applied, ...b.applied]).toEqual(["0001_slow"]);
      expect((await db.pool.query("select count(*)::int as n from once")).rows[0].n).toBe(1);
    } finally {
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
