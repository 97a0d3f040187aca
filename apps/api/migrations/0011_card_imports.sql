-- Card imports: an agency uploads its existing service cards as a CSV or XLSX file. Every row is
-- checked like a submitted card; the import applies completely (every row a draft card, in one
-- transaction with the import row, the cards' events and audit entries) or not at all. The same
-- file (by SHA-256) imported again by the same agency answers with the earlier import.

CREATE TABLE card_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_name text CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 255),
  file_bytes integer NOT NULL CHECK (file_bytes > 0),
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  row_count integer NOT NULL CHECK (row_count >= 1),
  card_ids uuid[] NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (agency_id, file_sha256)
);
COMMENT ON TABLE card_imports IS 'Service-card imports (CSV or XLSX): the agency, the file''s SHA-256 (one import per file and agency), name, size and format, the number of data rows and the draft cards created from them (card_ids, in row order), who imported and when.';
CREATE INDEX card_imports_agency_idx ON card_imports (agency_id, created_at DESC, id);

GRANT SELECT, INSERT, UPDATE ON card_imports TO dargah_app;
