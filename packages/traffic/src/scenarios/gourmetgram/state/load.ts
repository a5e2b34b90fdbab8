import { createRandom } from "@gg/core/random";
import type { Queryable } from "@gg/core/sql";
import type { KnownImage, KnownState, PlannerConfig } from "../plan/index";
import { sampleEngagement, sampleUsers } from "./sample.sql";
import { sampleSize, userSampleSize } from "./sample-size";
import { type EngagementRow, imagesOf, scaleOf } from "./weights";

export interface PlanningStateInput {
  seed: string | number;
  /** The minute to plan: the state is read as of a minute before it, whatever came later. */
  minute: Date;
  config: PlannerConfig;
  /** Rows per sample; by default from the minute's expected events (`sampleSize`). */
  size?: number;
}

/**
 * How far before the minute its state is read. The previous minute's last events may still be in
 * flight (late, retried) when this minute plans; reading as of one minute earlier leaves them all
 * out, so a replay cannot see a write its first run missed by milliseconds.
 */
export const STATE_LAG_MS = 60_000;

/**
 * A minute's known state, read in a bounded number of rows: a uniform random sample of the users
 * and an engagement-weighted sample of the images that existed `STATE_LAG_MS` before the minute
 * (migration 0006's logs, event time): at most `size` engagement rows and half as many users,
 * whatever the tables hold. The windows start at points drawn from (seed, minute), so the same
 * seed and minute read the same rows and plan the same requests, on a replay or a backfill re-run
 * too; different minutes sample afresh.
 */
export async function loadPlanningState(
  db: Queryable,
  input: PlanningStateInput,
): Promise<KnownState> {
  const minuteMs = Math.floor(input.minute.getTime() / 60_000) * 60_000;
  const minute = new Date(minuteMs);
  const asOf = new Date(minuteMs - STATE_LAG_MS);
  const size = input.size ?? sampleSize(input.config, minute);
  const rng = createRandom(String(input.seed), "planning-state", minute.toISOString());
  const userStart = rng.next();
  const imageStart = rng.next();
  const [users, engagement] = await Promise.all([
    db.query<{ id: string }>(sampleUsers, [userStart, asOf, userSampleSize(size)]),
    db.query<EngagementRow>(sampleEngagement, [imageStart, asOf, size]),
  ]);
  const rows = engagement.rows;
  const scale = scaleOf(
    rows.map((r) => r.sample_key),
    imageStart,
    size,
  );
  const images: KnownImage[] = imagesOf(rows, scale);
  return { users: users.rows.map((u) => ({ id: u.id })), images };
}
