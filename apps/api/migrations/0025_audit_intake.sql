-- Audited writes no longer touch a chain's head (ADR 0019): a transaction only inserts its entries'
-- canonical content into audit_intake, and a sealer hashes committed entries into their chains in
-- (xid, id) order, once every transaction that could still come before them has ended.

-- Entries written and not yet sealed. id is the entry's number in the whole log (kept when sealed);
-- xid the writing transaction (pg_current_xact_id: 64-bit, never wraps); content the canonical JSON
-- the sealer hashes (chain.ts canonicalJson of the entry's AuditContent). Rows come and go within
-- a second.
CREATE TABLE audit_intake (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chain_id text NOT NULL CHECK (chain_id <> ''),
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  written_at timestamptz NOT NULL DEFAULT now(),
  content text NOT NULL
);
-- The sealer's order. xids only grow, so inserts land at the index's right end; the sealer scans it
-- from where its last round stopped, never over the rows (and dead rows) it already moved.
CREATE INDEX audit_intake_order_idx ON audit_intake (xid, id);
-- Every row is deleted within a second of being written: vacuum it by count, not by proportion.
ALTER TABLE audit_intake SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 10000);
COMMENT ON TABLE audit_intake IS 'Audit entries written by committed (or running) transactions and not yet sealed into their hash chain (audit_entries, audit_chains) by the sealer (platform/audit/seal.ts). audit:verify reports how many wait and for how long.';

-- The numbers continue the log's: the sealer copies an entry's id into audit_entries, which no
-- longer draws its own.
SELECT setval(pg_get_serial_sequence('audit_intake', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM audit_entries), false);
ALTER TABLE audit_entries ALTER COLUMN id DROP IDENTITY;

GRANT SELECT, INSERT, DELETE ON audit_intake TO dargah_app;
