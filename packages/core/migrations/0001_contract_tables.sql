-- The contract's tables (gourmetgram-contract.md §2). Downstream consumers read these by column
-- name: keep names and types. Written to be re-runnable on its own (IF NOT EXISTS everywhere),
-- although the runner applies it once.

CREATE TABLE IF NOT EXISTS users (
  id uuid PRIMARY KEY,
  username varchar NOT NULL UNIQUE,
  tos_version_accepted int NOT NULL DEFAULT 1 CHECK (tos_version_accepted >= 1),
  tos_accepted_at timestamptz,
  country_of_residence varchar(2),
  -- now() in a CHECK is evaluated at write time, which is what "not in the future" means here.
  year_of_birth int CHECK (year_of_birth BETWEEN 1900 AND extract(year FROM now())::int),
  is_test_account boolean NOT NULL DEFAULT false,
  created_at timestamptz DEFAULT now()
);

CREATE TABLE IF NOT EXISTS images (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  s3_url varchar NOT NULL,
  source varchar(32) NOT NULL DEFAULT 'user_upload'
    CHECK (source IN ('user_upload', 'synthetic', 'import')),
  caption text,
  category text,
  created_at timestamptz DEFAULT now(),
  deleted_at timestamptz,
  views int DEFAULT 0
);
CREATE INDEX IF NOT EXISTS images_user_id_idx ON images (user_id);
CREATE INDEX IF NOT EXISTS images_created_at_idx ON images (created_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS comments (
  id uuid PRIMARY KEY,
  image_id uuid NOT NULL REFERENCES images (id),
  user_id uuid NOT NULL REFERENCES users (id),
  content text NOT NULL,
  moderator_hidden boolean NOT NULL DEFAULT false,
  moderator_action_id uuid,
  deleted_at timestamptz,
  created_at timestamptz DEFAULT now()
);
CREATE INDEX IF NOT EXISTS comments_image_id_idx ON comments (image_id, created_at);

CREATE TABLE IF NOT EXISTS flags (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  image_id uuid REFERENCES images (id),
  comment_id uuid REFERENCES comments (id),
  reason text NOT NULL,
  moderation_action_id uuid,
  review_status varchar(20) NOT NULL DEFAULT 'pending'
    CHECK (review_status IN ('pending', 'confirmed', 'rejected')),
  resolved_at timestamptz,
  created_at timestamptz DEFAULT now(),
  CONSTRAINT flags_target_check CHECK (image_id IS NOT NULL OR comment_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS flags_image_id_idx ON flags (image_id);

-- Written by the risk scorer, not by us; created here so that service works against our database.
CREATE TABLE IF NOT EXISTS moderation (
  id uuid PRIMARY KEY,
  inference_request_id uuid,
  target_type varchar(20) NOT NULL CHECK (target_type IN ('image', 'comment', 'account')),
  target_id uuid NOT NULL,
  inference_mode varchar(20) NOT NULL,
  model_version varchar(64),
  risk_score float NOT NULL CHECK (risk_score >= 0 AND risk_score <= 1),
  trigger_type varchar(30),
  policy_version varchar(20) NOT NULL DEFAULT 'v1',
  rationale text,
  created_at timestamptz DEFAULT now()
);

-- The contract's timestamp format: UTC, explicit +00:00, always six fractional digits.
CREATE OR REPLACE FUNCTION gg_iso(ts timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"');
