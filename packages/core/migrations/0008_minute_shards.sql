-- A minute too large for one invocation is split over N shards (event i is shard i mod N's).
-- Each shard claims its own row before firing (a re-invoked shard fires nothing) and writes its
-- figures there; the minute's row in traffic_minutes is the merge of its shards' rows. `events`
-- is the plan's size, known to the coordinator before any shard runs; `unaccounted` counts the
-- events of shards that have not reported (never invoked, crashed, timed out): a lost shard
-- shows as a number in its minute, not as silence.
CREATE TABLE IF NOT EXISTS traffic_minute_shards (
  stream_id uuid NOT NULL,
  minute timestamptz NOT NULL,
  shard int NOT NULL,
  shards int NOT NULL,
  planned int NOT NULL DEFAULT 0,
  skipped int NOT NULL DEFAULT 0,
  sent int NOT NULL DEFAULT 0,
  succeeded int NOT NULL DEFAULT 0,
  failed int NOT NULL DEFAULT 0,
  duplicate int NOT NULL DEFAULT 0,
  retried int NOT NULL DEFAULT 0,
  recovered int NOT NULL DEFAULT 0,
  unsent int NOT NULL DEFAULT 0,
  -- Sparse lateness histograms ([bucket, count] pairs and the max), so shards merge exactly.
  lateness jsonb,
  recovered_lateness jsonb,
  by_kind jsonb NOT NULL DEFAULT '{}',
  errors jsonb NOT NULL DEFAULT '[]',
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (stream_id, minute, shard)
);

ALTER TABLE traffic_minutes
  ADD COLUMN IF NOT EXISTS shards int,
  ADD COLUMN IF NOT EXISTS events int,
  ADD COLUMN IF NOT EXISTS unaccounted int;
