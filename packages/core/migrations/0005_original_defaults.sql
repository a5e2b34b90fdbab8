-- The original DDL's defaults, foreign keys and indexes (gourmetgram-contract.md §2), so that
-- every writer built on it works here: the risk scorer inserts into moderation without an id.
-- Re-runnable on its own: SET DEFAULT is idempotent, the indexes are IF NOT EXISTS and the
-- foreign keys are added only when missing.

-- gen_random_uuid() is built into Postgres since 13; the original's pgcrypto is not needed for it.
ALTER TABLE users ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE images ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE comments ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE flags ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE moderation ALTER COLUMN id SET DEFAULT gen_random_uuid();

-- We never write these columns, so an existing database has only nulls there and the checks pass.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'comments'::regclass
                 AND conname = 'comments_moderator_action_id_fkey') THEN
    ALTER TABLE comments ADD CONSTRAINT comments_moderator_action_id_fkey
      FOREIGN KEY (moderator_action_id) REFERENCES moderation (id);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'flags'::regclass
                 AND conname = 'flags_moderation_action_id_fkey') THEN
    ALTER TABLE flags ADD CONSTRAINT flags_moderation_action_id_fkey
      FOREIGN KEY (moderation_action_id) REFERENCES moderation (id);
  END IF;
END
$$;

-- The original's indexes. Already served by an index with the same leading column, so not
-- doubled: users(username) by its UNIQUE constraint, images(user_id) by images_user_id_idx,
-- images(created_at) by images_created_at_idx (created_at DESC, id DESC), comments(image_id) by
-- comments_image_id_idx (image_id, created_at), flags(image_id) by flags_image_id_idx.
CREATE INDEX IF NOT EXISTS images_deleted_at_idx ON images (deleted_at);
CREATE INDEX IF NOT EXISTS comments_user_id_idx ON comments (user_id);
CREATE INDEX IF NOT EXISTS comments_created_at_idx ON comments (created_at);
CREATE INDEX IF NOT EXISTS comments_deleted_at_idx ON comments (deleted_at);
CREATE INDEX IF NOT EXISTS flags_user_id_idx ON flags (user_id);
CREATE INDEX IF NOT EXISTS flags_comment_id_idx ON flags (comment_id);
CREATE INDEX IF NOT EXISTS flags_created_at_idx ON flags (created_at);
CREATE INDEX IF NOT EXISTS flags_review_status_idx ON flags (review_status);
CREATE INDEX IF NOT EXISTS moderation_target_idx ON moderation (target_type, target_id);
CREATE INDEX IF NOT EXISTS moderation_risk_score_idx ON moderation (risk_score);
CREATE INDEX IF NOT EXISTS moderation_inference_request_id_idx ON moderation (inference_request_id);
