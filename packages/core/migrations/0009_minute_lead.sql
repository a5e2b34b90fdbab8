-- Minutes are prepared before they begin (claimed, planned, their shards started): a minute's row
-- says how late its trigger came and how much lead it really got, so a late trigger shows as a
-- number and never as a silent burst.
--   trigger_delay_ms: the schedule's delivery minus the time it was scheduled for; null when no
--                     trigger served the minute (a holder kept it, the CLI, a backfill).
--   lead_ms:          the minute's start minus the moment it was ready to fire (for a sharded
--                     minute, its least ready shard's); negative: its first events fired late.
--   actors_created:   users and images created before the minute because its plan had too few to
--                     act on (a new stream on an empty or small database).
--   reserved:         the most events the minute may send out of its stream's max_count, set when
--                     it is claimed: the next minute is prepared while this one still fires, so
--                     its budget counts this reservation until this minute's `sent` is final.
ALTER TABLE traffic_minutes
  ADD COLUMN IF NOT EXISTS trigger_delay_ms double precision,
  ADD COLUMN IF NOT EXISTS lead_ms double precision,
  ADD COLUMN IF NOT EXISTS actors_created int NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS reserved int;

ALTER TABLE traffic_minute_shards ADD COLUMN IF NOT EXISTS lead_ms double precision;

-- Which generator invocation serves the coming minutes: one row, moved forward a minute at a time
-- by compare-and-set. A scheduled invocation that finds the next minute already held exits at
-- once, so one long-lived invocation fires minute after minute (Lambda time ~1 minute per minute)
-- instead of one invocation per minute overlapping the next.
CREATE TABLE IF NOT EXISTS traffic_generator_lease (
  id text PRIMARY KEY,
  holder text NOT NULL,
  -- The last minute the holder has committed to serve.
  minute timestamptz NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now()
);
