-- platform/pki (ADR 0022): what every process of a deployment must see alike, so it lives in the
-- database and not in one process's memory or data folder.
CREATE TABLE pki_test_authorities (
  name text PRIMARY KEY CHECK (name IN ('root', 'intermediate', 'tsa')),
  certificate bytea NOT NULL,
  private_key bytea NOT NULL,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE pki_test_authorities IS 'Development and test only: the "Dargah TEST Root — not for production", its intermediate and the test timestamp authority, created at first start (certificate DER, PKCS#8 private key) so every process of a deployment trusts and issues with the same ones. Production never writes it and refuses to start with a test root.';

CREATE TABLE pki_crls (
  url text PRIMARY KEY,
  issuer text NOT NULL,
  issuer_fingerprint text,
  der bytea,
  this_update timestamptz,
  next_update timestamptz,
  fetched_at timestamptz,
  checked_at timestamptz NOT NULL,
  last_error text
);
COMMENT ON TABLE pki_crls IS 'Certificate revocation lists fetched by the pki.crl.refresh job (one row per distribution point): the last good CRL whose signature verified against a trusted CA (issuer_fingerprint: its SHA-256), and the last failure, if any. Every process checks revocation against these rows.';
