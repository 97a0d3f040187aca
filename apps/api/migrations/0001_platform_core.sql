-- Platform core: extensions, the append-only event log, the audit hash chain, the job queue,
-- idempotency keys and the diagnostics write probe. Identical on PGlite and PostgreSQL 15+.

CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The application's database role. Deployments run migrations as the owner and the app as a
-- login role that is a member of dargah_app (see README, "Production"). Creating the role needs
-- CREATEROLE; where the migrating role lacks it, an administrator creates dargah_app once by hand.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dargah_app') THEN
    CREATE ROLE dargah_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN
  NULL;
END
$$;

-- Append-only tables reject UPDATE, DELETE and TRUNCATE for every role, the owner included.
CREATE FUNCTION forbid_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END
$$;

-- Events ----------------------------------------------------------------------------------------
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_type text NOT NULL,
  stream_id text NOT NULL,
  action text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('anonymous', 'citizen', 'staff', 'system', 'api_client')),
  actor_id text,
  on_behalf_of_id text,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id text,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE events IS 'Append-only record of every state change, per stream (aggregate). The status columns of other tables are projections of it.';
CREATE INDEX events_stream_idx ON events (stream_type, stream_id, id);
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION forbid_mutation();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation();

-- Audit chain -----------------------------------------------------------------------------------
-- hash = sha256_hex(prev_hash || canonical_json(entry)); the first prev_hash is 64 zeros.
CREATE TABLE audit_entries (
  seq bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('anonymous', 'citizen', 'staff', 'system', 'api_client')),
  actor_id text,
  on_behalf_of_id text,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  agency_id text,
  request_id text,
  ip text,
  user_agent text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE audit_entries IS 'Append-only, hash-chained audit trail: who did what to which object, when and from where. Verified by npm run audit:verify.';
CREATE INDEX audit_entries_object_idx ON audit_entries (object_type, object_id);
CREATE INDEX audit_entries_actor_idx ON audit_entries (actor_id, occurred_at);
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION forbid_mutation();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation();

-- The head of the chain: one row whose lock serialises appends. Updating it with the entry in one
-- statement keeps the lock for the shortest time (from the append to COMMIT).
CREATE TABLE audit_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq bigint NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
COMMENT ON TABLE audit_head IS 'Last sequence number and hash of the audit chain; verify checks it against the last entry so a removed tail is detected.';
INSERT INTO audit_head (singleton, seq, prev_hash, hash) VALUES (true, 0, repeat('0', 64), repeat('0', 64));

-- Grants: the application role may only read and append the audit trail and the event log.
-- A compromised application cannot rewrite history; a DBA who can, is caught by audit:verify.
GRANT SELECT, INSERT ON audit_entries, events TO dargah_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, events FROM dargah_app;
GRANT SELECT, UPDATE ON audit_head TO dargah_app;

-- Jobs ------------------------------------------------------------------------------------------
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  dedupe_key text UNIQUE,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'dead', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts >= 1),
  run_at timestamptz NOT NULL,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
COMMENT ON TABLE jobs IS 'PostgreSQL-backed job queue (transactional outbox). Enqueued in the caller''s transaction, claimed with FOR UPDATE SKIP LOCKED.';
CREATE INDEX jobs_ready_idx ON jobs (run_at, id) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_status_idx ON jobs (status, kind);

CREATE TABLE job_attempts (
  job_id bigint NOT NULL REFERENCES jobs (id),
  attempt integer NOT NULL,
  worker text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  outcome text NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed', 'lease_expired')),
  error text,
  PRIMARY KEY (job_id, attempt)
);
COMMENT ON TABLE job_attempts IS 'Every attempt of every job, with its outcome and error: the visible attempt history.';

-- Idempotency -----------------------------------------------------------------------------------
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
COMMENT ON TABLE idempotency_keys IS 'Client-supplied Idempotency-Key per actor and operation; committed with the write it guards, so a replay returns the first result.';

-- Diagnostics -----------------------------------------------------------------------------------
CREATE TABLE write_probes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label text NOT NULL,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE write_probes IS 'Rows written by the diagnostics write probe: one row + one event + one audit entry in one transaction, the shape of every write.';

GRANT SELECT, INSERT, UPDATE, DELETE ON jobs, job_attempts, idempotency_keys, write_probes TO dargah_app;
