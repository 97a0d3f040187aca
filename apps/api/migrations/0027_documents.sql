-- Documents (issue 10, items 3a, 6 and 7; ADR 0023): every receipt, answer, letter and report Dargah
-- issues, the signatures made on it, and the signers' PIN-sealed keys. A document's history is its
-- event stream (stream_type 'document'); a signer key's is stream_type 'signer_key'.

CREATE TABLE documents (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies (id),
  kind text NOT NULL CHECK (kind IN ('receipt', 'letter', 'report')),
  verification_code text NOT NULL UNIQUE CHECK (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
  template_origin text NOT NULL CHECK (template_origin IN ('repo', 'agency')),
  template_version text NOT NULL CHECK (template_version ~ '^[0-9a-f]{64}$'),
  pages integer NOT NULL CHECK (pages >= 1),
  issued_sha256 text NOT NULL CHECK (issued_sha256 ~ '^[0-9a-f]{64}$'),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'superseded', 'revoked')),
  supersedes uuid REFERENCES documents (id),
  superseded_by uuid REFERENCES documents (id),
  revoked_at timestamptz,
  revoke_reason text,
  signature_count integer NOT NULL DEFAULT 0 CHECK (signature_count >= 0),
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (status <> 'revoked' OR (revoked_at IS NOT NULL AND revoke_reason IS NOT NULL)),
  CHECK (status <> 'superseded' OR superseded_by IS NOT NULL)
);
COMMENT ON TABLE documents IS 'Issued documents: kind, the template (origin, version = SHA-256 of its source), issued_sha256 (the PDF as rendered) and content_sha256 (the PDF as it stands, after its last signature): both are addresses in the blob store (platform/files), referenced once each. verification_code is the short code of the QR and the public verification page (Crockford base32). A document that supersedes another names it; the other is then superseded. Signatures are document_signatures.';
-- A document is superseded at most once.
CREATE UNIQUE INDEX documents_supersedes_key ON documents (supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX documents_agency_idx ON documents (agency_id, created_at DESC, id);
CREATE INDEX documents_content_idx ON documents (content_sha256);
CREATE INDEX documents_issued_idx ON documents (issued_sha256);

CREATE TABLE signer_keys (
  id uuid PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  algorithm text NOT NULL CHECK (algorithm IN ('rsa-2048', 'rsa-3072', 'ecdsa-p256', 'ecdsa-p384')),
  certificate_pem text NOT NULL CHECK (certificate_pem LIKE '-----BEGIN CERTIFICATE-----%'),
  chain_pem text NOT NULL DEFAULT '',
  sealed_key jsonb NOT NULL CHECK (jsonb_typeof(sealed_key) = 'object'),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked', 'retired')),
  failed_pin_count integer NOT NULL DEFAULT 0 CHECK (failed_pin_count BETWEEN 0 AND 5),
  locked_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'locked') = (locked_at IS NOT NULL))
);
COMMENT ON TABLE signer_keys IS 'Signers'' keys: the private key sealed under the signer''s PIN (platform/pki sealPrivateKey: argon2id + AES-256-GCM, the key id bound as additional data; the PIN is never stored), the certificate and its chain up to (not including) a root (PEM). Five wrong PINs in a row lock the key (status locked, locked_at) until an administrator of its agency unlocks it.';
-- One usable key per staff member in an agency.
CREATE UNIQUE INDEX signer_keys_active_key ON signer_keys (staff_id, agency_id) WHERE status <> 'retired';

CREATE TABLE document_signatures (
  document_id uuid NOT NULL REFERENCES documents (id),
  seq integer NOT NULL CHECK (seq >= 1),
  signer_key_id uuid NOT NULL REFERENCES signer_keys (id),
  staff_id uuid NOT NULL,
  signer_name text NOT NULL,
  signer_role text NOT NULL,
  issuer text NOT NULL,
  signed_at timestamptz NOT NULL,
  pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (document_id, seq)
);
COMMENT ON TABLE document_signatures IS 'The signatures on a document, in order (seq): who signed (staff, name and role then), the certificate''s issuer, when, and pdf_sha256, the document as it stood after this signature (a blob address; an uploaded copy is matched to its document by it).';
CREATE INDEX document_signatures_pdf_idx ON document_signatures (pdf_sha256);
