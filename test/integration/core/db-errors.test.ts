import { createPool, fromPgError, ping, withTransaction } from "@gg/core/db";
import { createRandom } from "@gg/core/random";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshDatabase, freshDatabase } from "../../support/fixtures";

const SEED = Number(process.env.TEST_SEED ?? 20261126);
const r = createRandom(SEED, "db-errors");

// A miniature of the contract tables, so the translation is tested on real server errors
// without depending on the domain migrations.
const schema = `
  create table owners (id uuid primary key, name varchar(8) unique not null);
  create table pets (
    id uuid primary key,
    owner_id uuid not null references owners(id),
    age int check (age >= 0)
  );`;

describe(`pg error translation against Postgres (seed ${SEED})`, () => {
  let db: FreshDatabase;
  const owner = r.uuid();
  beforeAll(async () => {
    db = await freshDatabase({ migrate: false });
    await db.pool.query(schema);
    await db.pool.query("insert into owners values ($1, 'ana')", [owner]);
  });
  afterAll(() => db?.drop());

  const failure = async (sql: string, params: unknown[]) => {
    try {
      await db.pool.query(sql, params);
    } catch (e) {
      return fromPgError(e);
    }
    throw new Error(`expected ${sql} to fail`);
  };

  it.each([
    [
      "a duplicate",
      "insert into owners values ($1, 'ana')",
      () => [r.uuid()],
      "CONFLICT",
      /owners_name_key: Key \(name\)=\(ana\) already exists/,
    ],
    [
      "a missing parent",
      "insert into pets values ($1, $2, 1)",
      () => [r.uuid(), r.uuid()],
      "NOT_FOUND",
      /pets_owner_id_fkey/,
    ],
    [
      "a failed check",
      "insert into pets values ($1, $2, -1)",
      () => [r.uuid(), owner],
      "INVALID_INPUT",
      /pets_age_check/,
    ],
    [
      "a too-long varchar",
      "insert into owners values ($1, 'much too long')",
      () => [r.uuid()],
      "INVALID_INPUT",
      /too long/,
    ],
    [
      "a malformed uuid",
      "select * from owners where id = $1",
      () => ["nope"],
      "INVALID_INPUT",
      /uuid/,
    ],
    [
      "a null in a not-null column",
      "insert into owners values ($1, null)",
      () => [r.uuid()],
      "INVALID_INPUT",
      /name/,
    ],
  ])("translates %s", async (_, sql, params, code, message) => {
    const e = await failure(sql, params());
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.dependency).toBe("postgres");
  });

  it("runs every session in UTC", async () => {
    const { rows } = await db.pool.query("show timezone");
    expect(rows[0].TimeZone).toBe("UTC");
  });

  it("commits a transaction, and rolls one back when its function throws", async () => {
    const id = r.uuid();
    await expect(
      withTransaction(db.pool, async (c) => {
        await c.query("insert into owners values ($1, 'tx')", [id]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await db.pool.query("select 1 from owners where id = $1", [id])).rowCount).toBe(0);
    await withTransaction(db.pool, (c) => c.query("insert into owners values ($1, 'tx')", [id]));
    expect((await db.pool.query("select 1 from owners where id = $1", [id])).rowCount).toBe(1);
  });

  it("pings a live server, and calls a dead port UNAVAILABLE and retriable", async () => {
    await ping(db.pool);
    const dead = new URL(db.url);
    dead.port = "1"; // nothing listens on port 1
    const pool = createPool({ connectionString: dead.toString(), connectionTimeoutMs: 1_000 });
    try {
      await expect(ping(pool)).rejects.toMatchObject({
        code: "UNAVAILABLE",
        retriable: true,
        dependency: "postgres",
      });
    } finally {
      await pool.end();
    }
  });
});
