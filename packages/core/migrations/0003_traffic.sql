-- Background traffic: the streams the control API starts and stops, and what each minute of
-- each stream really did (planned vs sent, lateness), which /stream/stats reports.

CREATE TABLE IF NOT EXISTS traffic_streams (
  id uuid PRIMARY KEY,
  scenario text NOT NULL CHECK (scenario IN ('gourmetgram', 'clickstream')),
  -- The stream's validated configuration (rate, profile, mix, seed, data type...).
  config jsonb NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped', 'completed')),
  started_at timestamptz NOT NULL DEFAULT now(),
  ends_at timestamptz,
  max_count bigint CHECK (max_count > 0),
  stopped_at timestamptz,
  stop_reason text
);
CREATE INDEX IF NOT EXISTS traffic_streams_running_idx ON traffic_streams (started_at) WHERE status = 'running';

-- One row per (stream, minute). The primary key is what makes a duplicate scheduled invocation
-- of the same minute detectable (the generator claims the row before firing).
CREATE TABLE IF NOT EXISTS traffic_minutes (
  stream_id uuid NOT NULL,
  minute timestamptz NOT NULL,
  planned int NOT NULL DEFAULT 0,
  skipped int NOT NULL DEFAULT 0,
  sent int NOT NULL DEFAULT 0,
  succeeded int NOT NULL DEFAULT 0,
  failed int NOT NULL DEFAULT 0,
  retried int NOT NULL DEFAULT 0,
  lateness_p50_ms double precision,
  lateness_p99_ms double precision,
  lateness_max_ms double precision,
  by_kind jsonb NOT NULL DEFAULT '{}',
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (stream_id, minute)
);
CREATE INDEX IF NOT EXISTS traffic_minutes_minute_idx ON traffic_minutes (minute DESC);
