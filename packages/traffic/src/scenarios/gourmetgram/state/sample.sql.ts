// The bounded reads of a minute's planning state. Each is a window of up to $3 rows in
// `sample_key` order, starting at a random point $1 and wrapping round to 0, of the rows that
// existed before the minute ($2, event time). The two halves are an Append under one LIMIT: the
// second half runs only when the first ran out. Both are index-only range scans of the
// `(sample_key, id)` indexes of migration 0006 that stop after $3 rows (or fewer when the table is
// small, when the window is the whole table and the sample is the exact state).

/** Users in the window: a uniform random sample of those that existed before the minute. */
export const sampleUsers = `
SELECT user_id::text AS id FROM (
  (SELECT user_id FROM planning_users
    WHERE sample_key >= $1 AND at < $2 ORDER BY sample_key, user_id LIMIT $3)
  UNION ALL
  (SELECT user_id FROM planning_users
    WHERE sample_key < $1 AND at < $2 ORDER BY sample_key, user_id LIMIT $3)
) w LIMIT $3`;

// Deleted images are few: the anti-join hashes planning_deleted_images once per query.
const live = `NOT EXISTS (SELECT 1 FROM planning_deleted_images d
                          WHERE d.image_id = e.image_id AND d.at < $2)`;

/** Engagement rows in the window: each live image turns up in proportion to its weight's points. */
export const sampleEngagement = `
SELECT image_id::text AS image_id, kind, sample_key FROM (
  (SELECT image_id, kind, sample_key FROM planning_engagement e
    WHERE sample_key >= $1 AND at < $2 AND ${live} ORDER BY sample_key, image_id LIMIT $3)
  UNION ALL
  (SELECT image_id, kind, sample_key FROM planning_engagement e
    WHERE sample_key < $1 AND at < $2 AND ${live} ORDER BY sample_key, image_id LIMIT $3)
) w LIMIT $3`;
