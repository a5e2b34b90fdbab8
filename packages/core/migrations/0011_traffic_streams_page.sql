-- /stream/status and /stream/stats page through every stream ever started, newest first, by
-- keyset (started_at, id): this index makes each page a range scan however many streams exist.
CREATE INDEX IF NOT EXISTS traffic_streams_page_idx ON traffic_streams (started_at DESC, id DESC);
