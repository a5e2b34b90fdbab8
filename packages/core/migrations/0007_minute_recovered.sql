-- Events of a minute that succeeded only on a retry (an API outage inside the minute: the
-- generator retries until the minute's end plus a grace, with the same idempotency key), and how
-- late they landed. Together with `lateness_*` (first attempts) they say what an outage cost.
ALTER TABLE traffic_minutes
  ADD COLUMN IF NOT EXISTS recovered int NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS recovered_lateness_p99_ms double precision,
  ADD COLUMN IF NOT EXISTS recovered_lateness_max_ms double precision;
