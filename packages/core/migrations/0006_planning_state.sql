-- The generator's planning state: append-only logs that triggers keep in step with the contract's
-- tables, so a minute's plan reads a bounded random sample of them "as of" the minute instead of
-- scanning users, images, comments and flags (packages/traffic/src/state/).
--
-- Event time. Each log row carries `at`, the time its write belongs to: the generator sends the
-- planned time of every request (header x-gg-event-time), which the API's write transaction puts
-- in the setting gg.event_time; any other write is stamped with its transaction's start. A minute
-- planned as of M reads rows with at < M only, so its replay (or its backfill re-run) sees what its
-- first run saw, whatever was written since.
CREATE OR REPLACE FUNCTION gg_event_time() RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN coalesce(nullif(current_setting('gg.event_time', true), '')::timestamptz, now());

-- One row per user. `sample_key` is uniform in [0, 1) and independent of everything else, so the
-- rows that follow any point in key order are a uniform random sample.
CREATE TABLE IF NOT EXISTS planning_users (
  user_id uuid PRIMARY KEY,
  at timestamptz NOT NULL,
  sample_key double precision NOT NULL DEFAULT random()
);
CREATE INDEX IF NOT EXISTS planning_users_sample_idx
  ON planning_users (sample_key, user_id) INCLUDE (at);

-- One row per engagement: an image's upload (kind 0), a view (1), a comment (2) or a flag (3).
-- An image's popularity weight, 1 + views + 2·comments + 3·flags, is the sum of its rows' points
-- (1, 1, 2, 3), so a uniform sample of rows estimates every weight without bias. A view is one
-- row even when a counter moves by many at once: a row worth thousands of points would make the
-- estimate swing with whether that one row is sampled.
CREATE TABLE IF NOT EXISTS planning_engagement (
  image_id uuid NOT NULL,
  kind smallint NOT NULL CHECK (kind BETWEEN 0 AND 3),
  at timestamptz NOT NULL,
  sample_key double precision NOT NULL DEFAULT random()
);
CREATE INDEX IF NOT EXISTS planning_engagement_sample_idx
  ON planning_engagement (sample_key, image_id) INCLUDE (at, kind);

-- Images deleted (soft, `deleted_at`), as of when: few rows, which the samples anti-join.
CREATE TABLE IF NOT EXISTS planning_deleted_images (
  image_id uuid PRIMARY KEY,
  at timestamptz NOT NULL
);

-- What existed before this migration, stamped with its creation time (views have no time of
-- their own: they count from their image's creation).
INSERT INTO planning_users (user_id, at)
SELECT id, coalesce(created_at, 'epoch') FROM users
ON CONFLICT DO NOTHING;

INSERT INTO planning_engagement (image_id, kind, at)
SELECT id, 0, coalesce(created_at, 'epoch') FROM images
 WHERE NOT EXISTS (SELECT 1 FROM planning_engagement)
UNION ALL
SELECT id, 1, coalesce(created_at, 'epoch') FROM images, generate_series(1, views)
 WHERE views > 0 AND NOT EXISTS (SELECT 1 FROM planning_engagement)
UNION ALL
SELECT image_id, 2, coalesce(created_at, 'epoch') FROM comments
 WHERE deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM planning_engagement)
UNION ALL
SELECT image_id, 3, coalesce(created_at, 'epoch') FROM flags
 WHERE image_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM planning_engagement);

INSERT INTO planning_deleted_images (image_id, at)
SELECT id, deleted_at FROM images WHERE deleted_at IS NOT NULL
ON CONFLICT DO NOTHING;

-- Statement-level triggers with transition tables: one INSERT ... SELECT per statement, so a bulk
-- insert costs one extra statement, not one per row. They run inside the writing transaction: a
-- rolled-back write leaves no log row, a committed one always has its row.
CREATE OR REPLACE FUNCTION planning_log_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO planning_users (user_id, at) SELECT id, gg_event_time() FROM new_rows
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION planning_log_images() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO planning_engagement (image_id, kind, at)
  SELECT id, 0, gg_event_time() FROM new_rows
  UNION ALL
  SELECT id, 1, gg_event_time() FROM new_rows, generate_series(1, views) WHERE views > 0;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION planning_log_image_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO planning_deleted_images (image_id, at)
  SELECT n.id, gg_event_time()
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n.deleted_at IS NOT NULL AND o.deleted_at IS NULL
  ON CONFLICT DO NOTHING;
  INSERT INTO planning_engagement (image_id, kind, at)
  SELECT n.id, 1, gg_event_time()
    FROM new_rows n JOIN old_rows o ON o.id = n.id,
         generate_series(1, coalesce(n.views, 0) - coalesce(o.views, 0))
   WHERE coalesce(n.views, 0) > coalesce(o.views, 0);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION planning_log_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO planning_engagement (image_id, kind, at)
  SELECT image_id, 2, gg_event_time() FROM new_rows WHERE deleted_at IS NULL;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION planning_log_flags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO planning_engagement (image_id, kind, at)
  SELECT image_id, 3, gg_event_time() FROM new_rows WHERE image_id IS NOT NULL;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS planning_users_log ON users;
CREATE TRIGGER planning_users_log AFTER INSERT ON users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION planning_log_users();
DROP TRIGGER IF EXISTS planning_images_log ON images;
CREATE TRIGGER planning_images_log AFTER INSERT ON images
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION planning_log_images();
DROP TRIGGER IF EXISTS planning_image_updates_log ON images;
CREATE TRIGGER planning_image_updates_log AFTER UPDATE ON images
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION planning_log_image_updates();
DROP TRIGGER IF EXISTS planning_comments_log ON comments;
CREATE TRIGGER planning_comments_log AFTER INSERT ON comments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION planning_log_comments();
DROP TRIGGER IF EXISTS planning_flags_log ON flags;
CREATE TRIGGER planning_flags_log AFTER INSERT ON flags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION planning_log_flags();
