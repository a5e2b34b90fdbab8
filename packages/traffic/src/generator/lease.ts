import type { Queryable } from "@gg/core/sql";

// One row (migration 0009): which invocation serves the coming minutes, up to which one.
const ID = "generator";

/**
 * A scheduled invocation asks to serve `minute` and the ones after it: granted unless another
 * invocation has already committed to `minute` (or later), so a trigger that finds a live holder
 * exits at once. Compare-and-set on one row: two triggers for the same minute, one wins.
 */
export async function takeLease(db: Queryable, holder: string, minute: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO traffic_generator_lease (id, holder, minute) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, minute = EXCLUDED.minute,
                                    taken_at = now()
      WHERE traffic_generator_lease.minute < EXCLUDED.minute`,
    [ID, holder, minute],
  );
  return rowCount === 1;
}

/**
 * The holder commits to one more minute, before the trigger that would serve it can arrive (it
 * extends while preparing the minute before). False: it no longer holds the lease (a trigger took
 * over), so it stops after the minutes it has already prepared.
 */
export async function extendLease(db: Queryable, holder: string, minute: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE traffic_generator_lease SET minute = $3
      WHERE id = $1 AND holder = $2 AND minute < $3`,
    [ID, holder, minute],
  );
  return rowCount === 1;
}
