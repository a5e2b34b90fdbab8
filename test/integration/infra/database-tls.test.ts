// The deployed functions' database URL verifies the server's certificate against the RDS CA
// bundle shipped beside them: against our local Postgres, whose certificate is self-signed, that
// must be refused, and emulate's explicit no-verify must connect. ~1 s.
import { resolve } from "node:path";
import { createPool } from "@gg/core/db";
import { describe, expect, it } from "vitest";
import { fromLinks, type Linked } from "../../../functions/config";
import { rdsCaBundle } from "../../../infra/rds-ca";
import { FAKE_RESOURCES } from "../../../infra/scripts/fake-resources";
import { stack } from "../../support/stack";

const root = resolve(import.meta.dirname, "../../..");
const local = new URL(stack.databaseUrl);
const links = {
  ...(FAKE_RESOURCES as unknown as Linked),
  Database: {
    host: local.hostname,
    port: Number(local.port),
    username: decodeURIComponent(local.username),
    password: decodeURIComponent(local.password),
    database: local.pathname.slice(1),
  },
};
// As deployed: the bundle at <task root>/rds-ca.pem (infra/lambda.ts copies .sst/rds-ca.pem there).
const env = { LAMBDA_TASK_ROOT: resolve(root, rdsCaBundle(root), "..") };

async function select1(databaseUrl: string) {
  const pool = createPool({ connectionString: databaseUrl, max: 1, connectionTimeoutMs: 5_000 });
  try {
    return (await pool.query("select 1 as one")).rows[0];
  } finally {
    await pool.end();
  }
}

describe("the functions' database TLS", () => {
  it("refuses a server whose certificate the RDS CA bundle does not vouch for", async () => {
    const url = fromLinks.relay(links, env).databaseUrl;
    expect(url).toContain("sslmode=verify-full");
    await expect(select1(url)).rejects.toThrow(
      /self[- ]signed|unable to (get|verify)|certificate/i,
    );
  });

  it("connects where the link says no-verify (pnpm emulate's self-signed Postgres)", async () => {
    const emulated = { ...links, Database: { ...links.Database, tls: "no-verify" as const } };
    expect(await select1(fromLinks.relay(emulated, env).databaseUrl)).toEqual({ one: 1 });
  });
});
