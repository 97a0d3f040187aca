-- The audit log screens (issue 8 §2): auditors browse the chain by agency, action and period,
-- newest first, and see when the chain was last verified and with what result.

-- Browsing: an agency administrator's entries, one action (or kind), a period; each newest first
-- by sequence number (the keyset of the pages).
CREATE INDEX audit_entries_agency_seq_idx ON audit_entries (agency_id, seq);
CREATE INDEX audit_entries_action_seq_idx ON audit_entries (action, seq);
CREATE INDEX audit_entries_occurred_idx ON audit_entries (occurred_at);

-- Each walk of the hash chain and its outcome. Written after the walk, never changed: the status
-- screen shows the latest.
CREATE TABLE audit_verifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The order the walks were recorded in (their times may tie).
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL CHECK (finished_at >= started_at),
  ok boolean NOT NULL,
  entries bigint NOT NULL CHECK (entries >= 0),
  broken_at bigint,
  reason text CHECK (reason IN ('HASH_MISMATCH', 'PREV_HASH_MISMATCH', 'SEQUENCE_GAP', 'HEAD_MISMATCH')),
  requested_by_type text NOT NULL CHECK (requested_by_type IN ('staff', 'system')),
  requested_by_id text,
  CHECK (ok = (reason IS NULL) AND ok = (broken_at IS NULL))
);
COMMENT ON TABLE audit_verifications IS 'Each verification of the audit hash chain (by an auditor from the audit screens, or through the operations endpoint): when, by whom, and the first broken link found, if any.';
CREATE TRIGGER audit_verifications_append_only BEFORE UPDATE OR DELETE ON audit_verifications FOR EACH ROW EXECUTE FUNCTION forbid_mutation();

GRANT SELECT, INSERT ON audit_verifications TO dargah_app;
