-- Production signers (issue 10, items 3a and 3b; ADR 0023, amendment 1): keys made in Dargah whose
-- certificate a real CA issues from their CSR (status awaiting_certificate until it is imported),
-- keys imported from a PKCS#12 file, and external signers whose key stays on their own token
-- (their signatures have no signer key; document_signing_sessions hold what the token must sign).

ALTER TABLE signer_keys DROP CONSTRAINT signer_keys_status_check;
ALTER TABLE signer_keys ADD CONSTRAINT signer_keys_status_check CHECK (status IN ('awaiting_certificate', 'active', 'locked', 'retired'));
ALTER TABLE signer_keys ALTER COLUMN certificate_pem DROP NOT NULL;
ALTER TABLE signer_keys ADD COLUMN source text NOT NULL DEFAULT 'test_ca' CHECK (source IN ('test_ca', 'csr', 'pkcs12'));
ALTER TABLE signer_keys ADD COLUMN csr_pem text CHECK (csr_pem IS NULL OR csr_pem LIKE '-----BEGIN CERTIFICATE REQUEST-----%');
ALTER TABLE signer_keys ADD COLUMN public_key_sha256 text CHECK (public_key_sha256 IS NULL OR public_key_sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE signer_keys ADD CONSTRAINT signer_keys_certificate_known CHECK (status = 'awaiting_certificate' OR certificate_pem IS NOT NULL);
ALTER TABLE signer_keys ADD CONSTRAINT signer_keys_awaiting_csr CHECK (status <> 'awaiting_certificate' OR (csr_pem IS NOT NULL AND public_key_sha256 IS NOT NULL AND certificate_pem IS NULL));
COMMENT ON COLUMN signer_keys.source IS 'Where the certificate came from: test_ca (development: the test intermediate issued it), csr (a CA answered the CSR Dargah made; csr_pem kept for download), pkcs12 (imported with its key from a PKCS#12 file, re-sealed under the PIN; the file''s password is never stored).';
COMMENT ON COLUMN signer_keys.public_key_sha256 IS 'SHA-256 of the key''s SubjectPublicKeyInfo: an issued certificate is matched to the key without unsealing it.';
-- One usable key and at most one awaiting its certificate per staff member and agency: a key whose
-- certificate arrives retires the earlier usable one in the same transaction.
DROP INDEX signer_keys_active_key;
CREATE UNIQUE INDEX signer_keys_active_key ON signer_keys (staff_id, agency_id) WHERE status IN ('active', 'locked');
CREATE UNIQUE INDEX signer_keys_awaiting_key ON signer_keys (staff_id, agency_id) WHERE status = 'awaiting_certificate';

-- An external signature has no signer key: the certificate it was made with is named by its hash.
ALTER TABLE document_signatures ALTER COLUMN signer_key_id DROP NOT NULL;
ALTER TABLE document_signatures ADD COLUMN certificate_sha256 text CHECK (certificate_sha256 IS NULL OR certificate_sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE document_signatures ADD CONSTRAINT document_signatures_signer_known CHECK (signer_key_id IS NOT NULL OR certificate_sha256 IS NOT NULL);

CREATE TABLE document_signing_sessions (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id),
  staff_id uuid NOT NULL REFERENCES staff (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  base_sha256 text NOT NULL CHECK (base_sha256 ~ '^[0-9a-f]{64}$'),
  prepared_sha256 text NOT NULL CHECK (prepared_sha256 ~ '^[0-9a-f]{64}$'),
  byte_range jsonb NOT NULL CHECK (jsonb_typeof(byte_range) = 'array'),
  certificate_pem text NOT NULL CHECK (certificate_pem LIKE '-----BEGIN CERTIFICATE-----%'),
  chain_pem text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  completed_at timestamptz,
  CHECK (expires_at > created_at)
);
COMMENT ON TABLE document_signing_sessions IS 'External signing (the signer''s own token signs): the document as it stood (base_sha256), the PDF prepared with its signature field (prepared_sha256, a blob with no reference: the blobs.gc job removes it after its grace period), the byte range and the signer''s certificate the signed attributes name. Short-lived (expires_at); completed_at is set once, by the one completion that wins.';
CREATE INDEX document_signing_sessions_document_idx ON document_signing_sessions (document_id);
