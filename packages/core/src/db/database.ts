import pg from "pg";
import { invalidInput } from "../errors/index";
import { fromPgError } from "./pg-error";

// Identifiers cannot be bound as parameters; a strict pattern makes quoting them safe.
const safeName = /^[a-z_][a-z0-9_]{0,62}$/;

function checkName(name: string): string {
  if (!safeName.test(name)) {
    throw invalidInput(`database name must match ${safeName}: ${JSON.stringify(name)}`);
  }
  return name;
}

/** `url` with its database (path) replaced by `name`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${checkName(name)}`;
  return u.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return await fn(client);
  } catch (e) {
    throw fromPgError(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates database `name` through the admin connection; returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdmin(adminUrl, (c) => c.query(`create database "${checkName(name)}"`));
  return databaseUrl(adminUrl, name);
}

/** Drops database `name` if it exists, disconnecting its sessions first (Postgres 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (c) =>
    c.query(`drop database if exists "${checkName(name)}" with (force)`),
  );
}
