-- A running stream can be changed (PATCH /stream/{id}). Each change is a new version of its
-- configuration, kept with the first minute it plans, so that every minute (live, replayed or
-- backfilled) plans with the version in force for it, never simply the latest.
--   from_minute: the first minute the version plans; version 1 (the configuration the stream
--                started with) covers every minute before the first change ('-infinity').
--   changed_at:  when the change was made (the stream's start for version 1).
-- A stream that was never changed has no rows here: its one version is traffic_streams.config.
CREATE TABLE IF NOT EXISTS traffic_stream_versions (
  stream_id uuid NOT NULL REFERENCES traffic_streams (id) ON DELETE CASCADE,
  version int NOT NULL CHECK (version >= 1),
  config jsonb NOT NULL,
  changed_at timestamptz NOT NULL,
  from_minute timestamptz NOT NULL,
  PRIMARY KEY (stream_id, version)
);

-- traffic_streams.config is the latest version; these say which one it is and when it was made.
ALTER TABLE traffic_streams
  ADD COLUMN IF NOT EXISTS version int NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS changed_at timestamptz;

-- Which configuration a minute ran, written when it is claimed (before it is planned).
ALTER TABLE traffic_minutes
  ADD COLUMN IF NOT EXISTS config_version int,
  ADD COLUMN IF NOT EXISTS config_changed_at timestamptz;
