-- Blob store: one row per stored content, addressed by its SHA-256 and reference-counted.
-- The bytes live in the configured driver (filesystem or S3-compatible), stored once per content.

CREATE TABLE blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size > 0),
  media_type text NOT NULL CHECK (media_type ~ '^[a-z0-9.+-]+/[a-z0-9.+-]+'),
  ref_count integer NOT NULL DEFAULT 0 CHECK (ref_count >= 0),
  created_at timestamptz NOT NULL,
  last_released_at timestamptz,
  -- When ref_count last became 0 (or the content was last put while unreferenced); NULL while referenced.
  zero_since timestamptz,
  CONSTRAINT blobs_zero_since_iff_unreferenced CHECK ((ref_count = 0) = (zero_since IS NOT NULL))
);
COMMENT ON TABLE blobs IS 'Content-addressed blob store: SHA-256 address, size, media type sniffed from magic bytes, and a reference count. Content unreferenced for longer than the grace period is deleted by the blobs.gc job.';
COMMENT ON COLUMN blobs.media_type IS 'Detected from the content''s magic bytes, never from a file name or a declared type.';
COMMENT ON COLUMN blobs.zero_since IS 'Start of the current unreferenced period; the GC deletes rows whose zero_since is older than its grace period.';

CREATE INDEX blobs_gc_idx ON blobs (zero_since) WHERE ref_count = 0;

GRANT SELECT, INSERT, UPDATE, DELETE ON blobs TO dargah_app;
