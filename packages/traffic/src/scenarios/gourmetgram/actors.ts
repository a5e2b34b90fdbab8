import { createRandom } from "@gg/core/random";
import type { Queryable } from "@gg/core/sql";
import { createActors } from "./bootstrap";
import type { ImageIndex } from "./images/index";
import { STATE_LAG_MS } from "./state/index";
import type { ApiTarget } from "./target";

/**
 * The smallest world a minute is planned against: with fewer users or images a new stream's
 * minute skips most of what it draws (a view needs an image, an upload a user). Ten of each
 * leaves nothing skipped and spreads the first minutes over more than one image.
 */
export const MIN_ACTORS = { users: 10, images: 10 };

export interface EnsureActorsInput {
  db: Queryable;
  target: ApiTarget;
  dataset: ImageIndex | null;
  seed: string | number;
  /** The minute about to be planned. */
  minute: Date;
  testAccountRate: number;
}

/**
 * Creates, through the API, the users and images the minute's state lacks, before the minute is
 * planned. They are stamped just before the state's horizon (the minute's start less
 * `STATE_LAG_MS`): this minute and later ones see them, an earlier minute's replay does not (its
 * horizon is a minute earlier), and this minute's replay finds them and creates nothing. Keys come
 * from (seed, minute, i), so a retry of this step re-sends the same requests.
 */
export async function ensureActors(input: EnsureActorsInput): Promise<number> {
  const horizon = new Date(Math.floor(input.minute.getTime() / 60_000) * 60_000 - STATE_LAG_MS);
  // Counting stops at the floor: a large world is not scanned.
  const { rows } = await input.db.query<{ users: number; images: number }>(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM planning_users WHERE at < $1 LIMIT $2) u)::int AS users,
            (SELECT count(*) FROM (SELECT 1 FROM planning_engagement e
                                    WHERE kind = 0 AND at < $1
                                      AND NOT EXISTS (SELECT 1 FROM planning_deleted_images d
                                                       WHERE d.image_id = e.image_id AND d.at < $1)
                                    LIMIT $3) i)::int AS images`,
    [horizon, MIN_ACTORS.users, MIN_ACTORS.images],
  );
  const have = rows[0] ?? { users: 0, images: 0 };
  if (have.users >= MIN_ACTORS.users && have.images >= MIN_ACTORS.images) return 0;
  const minute = horizon.toISOString();
  const created = await createActors({
    target: input.target,
    dataset: input.dataset,
    testAccountRate: input.testAccountRate,
    atMs: horizon.getTime() - 1,
    draw: (kind, i) => createRandom(input.seed, "actors", minute, kind, i),
    users: { from: have.users, to: MIN_ACTORS.users },
    images: { from: have.images, to: MIN_ACTORS.images },
    owners: async () =>
      (
        await input.db.query<{ id: string }>(
          `SELECT user_id::text AS id FROM planning_users WHERE at < $1
            ORDER BY at DESC, user_id LIMIT $2`,
          [horizon, MIN_ACTORS.users],
        )
      ).rows.map((r) => r.id),
  });
  return created.users + created.images;
}
