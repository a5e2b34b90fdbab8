-- The generator loads every user (and live image) each minute in (created_at, id) order, the
-- order its plans depend on; these let Postgres read them in that order without sorting.
CREATE INDEX IF NOT EXISTS users_created_at_id_idx ON users (created_at, id);
CREATE INDEX IF NOT EXISTS images_live_created_at_id_idx ON images (created_at, id) WHERE deleted_at IS NULL;
