-- Transactional outbox: a row and its event commit together; the relay publishes committed rows
-- in id order (so in order per key) and marks them sent. `value` is the exact JSON text that
-- goes to Kafka, so what was committed is byte-for-byte what consumers read.
CREATE TABLE IF NOT EXISTS outbox (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  topic text NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX IF NOT EXISTS outbox_pending_idx ON outbox (id) WHERE sent_at IS NULL;

-- Idempotency-Key records: claimed inside the write's transaction, so a retry either waits for
-- the first attempt's commit and replays its response, or finds nothing and does the work.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status int NOT NULL,
  response text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
