-- Event time per row. The API now commits the writes of many requests in one statement (group
-- commit), and each request carries its own planned time (x-gg-event-time), so one time per
-- transaction (gg.event_time, migration 0006) no longer describes the rows. The writing statement
-- puts a JSON map in the transaction-local setting gg.event_times: a row id to its time for
-- inserts, an image id to the times of its views, in count order, for view counts. A row the map
-- does not name falls back to gg_event_time(), so every other writer behaves as before.
CREATE OR REPLACE FUNCTION gg_event_times() RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN coalesce(nullif(current_setting('gg.event_times', true), '')::jsonb, '{}'::jsonb);

-- The map is read once per statement (the CTE), not once per row: a batch of n rows then costs n
-- lookups in it, not n parses of it.
CREATE OR REPLACE FUNCTION planning_log_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH t AS MATERIALIZED (SELECT gg_event_times() AS m)
  INSERT INTO planning_users (user_id, at)
  SELECT n.id, coalesce((t.m ->> n.id::text)::timestamptz, gg_event_time()) FROM new_rows n, t
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION planning_log_images() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH t AS MATERIALIZED (SELECT gg_event_times() AS m)
  INSERT INTO planning_engagement (image_id, kind, at)
  SELECT n.id, 0, coalesce((t.m ->> n.id::text)::timestamptz, gg_event_time()) FROM new_rows n, t
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
  -- The g-th view added to an image takes the g-th time listed for it (null: no planned time).
  WITH t AS MATERIALIZED (SELECT gg_event_times() AS m)
  INSERT INTO planning_engagement (image_id, kind, at)
  SELECT n.id, 1, coalesce((t.m -> n.id::text ->> (g - 1))::timestamptz, gg_event_time())
    FROM new_rows n JOIN old_rows o ON o.id = n.id CROSS JOIN t,
         generate_series(1, coalesce(n.views, 0) - coalesce(o.views, 0)) AS g
   WHERE coalesce(n.views, 0) > coalesce(o.views, 0);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION planning_log_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH t AS MATERIALIZED (SELECT gg_event_times() AS m)
  INSERT INTO planning_engagement (image_id, kind, at)
  SELECT n.image_id, 2, coalesce((t.m ->> n.id::text)::timestamptz, gg_event_time())
    FROM new_rows n, t WHERE n.deleted_at IS NULL;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION planning_log_flags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH t AS MATERIALIZED (SELECT gg_event_times() AS m)
  INSERT INTO planning_engagement (image_id, kind, at)
  SELECT n.image_id, 3, coalesce((t.m ->> n.id::text)::timestamptz, gg_event_time())
    FROM new_rows n, t WHERE n.image_id IS NOT NULL;
  RETURN NULL;
END $$;
