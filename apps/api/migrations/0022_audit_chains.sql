-- One audit chain per agency plus one for platform-wide actions, instead of one chain whose single
-- head row every audited write in the platform waited on; and signed checkpoints over every chain's
-- head, so an outsider holding a copy can prove later that nothing before it was changed (ADR 0012).

-- The heads: one row per chain, advanced in the same statement that appends an entry.
CREATE TABLE audit_chains (
  chain_id text PRIMARY KEY CHECK (chain_id <> ''),
  seq bigint NOT NULL CHECK (seq >= 1),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE audit_chains IS 'Head (last sequence number and hash) of each audit chain: one per agency, ''platform'' for entries without an agency, ''legacy'' for the single chain written before 0022. audit:verify checks each head against its last entry.';

-- Entries written so far formed one chain: it becomes the closed chain 'legacy', verified as before.
ALTER TABLE audit_entries ADD COLUMN chain_id text NOT NULL DEFAULT 'legacy';
ALTER TABLE audit_entries ALTER COLUMN chain_id DROP DEFAULT;
ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_pkey;
ALTER TABLE audit_entries ADD PRIMARY KEY (chain_id, seq);
-- A unique index on a random 64-digit key costs every append a random B-tree insert and guards
-- nothing the chain does not: a copied or replayed entry breaks its chain's links.
ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_hash_key;
INSERT INTO audit_chains (chain_id, seq, prev_hash, hash) SELECT 'legacy', seq, prev_hash, hash FROM audit_head WHERE seq > 0;
DROP TABLE audit_head;

-- The order people read the log in, across chains: a number per entry in the order they were
-- written (not hashed: each chain's own seq and links are what the verifier checks). The browsing
-- indexes of 0017 follow it instead of a chain's seq.
ALTER TABLE audit_entries ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX audit_entries_id_idx ON audit_entries (id);
DROP INDEX audit_entries_agency_seq_idx;
DROP INDEX audit_entries_action_seq_idx;
CREATE INDEX audit_entries_agency_id_idx ON audit_entries (agency_id, id);
CREATE INDEX audit_entries_action_id_idx ON audit_entries (action, id);

-- A verification now reports every chain and checkpoint: the problems found (none when ok).
ALTER TABLE audit_verifications DROP CONSTRAINT audit_verifications_reason_check;
ALTER TABLE audit_verifications DROP CONSTRAINT audit_verifications_check;
ALTER TABLE audit_verifications
  ADD COLUMN chains integer NOT NULL DEFAULT 1,
  ADD COLUMN checkpoints integer NOT NULL DEFAULT 0,
  ADD COLUMN problems jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE audit_verifications ADD CONSTRAINT audit_verifications_outcome_check CHECK (ok = (jsonb_array_length(problems) = 0 AND reason IS NULL));

-- Signed checkpoints: the canonical JSON body (every chain's head and length at one snapshot, and
-- the hash of the previous checkpoint) and an Ed25519 signature over it by the platform key.
CREATE TABLE audit_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL,
  body text NOT NULL,
  key_id text NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
  signature text NOT NULL
);
COMMENT ON TABLE audit_checkpoints IS 'Signed checkpoints of the audit chains (written by the audit.checkpoint job, exported at GET /api/v1/audit/checkpoints); append-only.';
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION forbid_mutation();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation();

GRANT SELECT, INSERT, UPDATE ON audit_chains TO dargah_app;
GRANT SELECT, INSERT ON audit_checkpoints TO dargah_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoints FROM dargah_app;
