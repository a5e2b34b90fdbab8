import type { PoolClient } from "./pool";

/**
 * The request header that says which time a write belongs to: the generator sends each event's
 * planned time, so a backfilled past minute's rows count as written in that minute for planning
 * (migration 0006, `gg_event_time()`). The contract's own `created_at` columns are not affected.
 */
export const EVENT_TIME_HEADER = "x-gg-event-time";

/** Stamps the rest of this transaction's writes with `at` in the planning logs (0006's triggers). */
export async function setEventTime(tx: Pick<PoolClient, "query">, at: Date): Promise<void> {
  await tx.query("SELECT set_config('gg.event_time', $1, true)", [at.toISOString()]);
}
