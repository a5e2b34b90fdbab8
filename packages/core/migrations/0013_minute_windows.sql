-- A minute slower than GENERATOR_WAKE_RATE is fired by wake windows (contiguous runs of its
-- events, each its own short invocation) instead of index-mod-N shards. Its row keeps each
-- window's event count, so a window that never reports counts exactly its own events as
-- unaccounted. Null: the minute's shards split it by index mod N (or it was not split).
ALTER TABLE traffic_minutes ADD COLUMN IF NOT EXISTS shard_sizes int[];
