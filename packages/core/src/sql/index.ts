import type pg from "pg";

/** Anything that runs a query: a pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export { translate } from "./constraint";

/** A column list that renders timestamptz columns in the contract format via gg_iso(). */
export function columns(table: string, plain: readonly string[], timestamps: readonly string[]) {
  return [
    ...plain.map((c) => `${table}.${c}`),
    ...timestamps.map((c) => `gg_iso(${table}.${c}) AS ${c}`),
  ].join(", ");
}
