-- A citizen's e-mail on file. Only an address proven by a code sent to it is kept on the citizen
-- (and used by the e-mail channel of notifications); an address waiting for its code lives in a
-- challenge until the code is entered, replaced or expires.
ALTER TABLE citizens
  ADD COLUMN email text CHECK (email ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+$' AND length(email) <= 254),
  ADD COLUMN email_verified_at timestamptz,
  ADD CONSTRAINT citizens_email_verified CHECK ((email IS NULL) = (email_verified_at IS NULL));

CREATE TABLE citizen_email_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id uuid NOT NULL REFERENCES citizens (id),
  email text NOT NULL CHECK (email ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+$' AND length(email) <= 254),
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  cancelled_at timestamptz
);
COMMENT ON TABLE citizen_email_challenges IS 'A code sent to an e-mail address a citizen wants on file (hashed with the challenge id); the address replaces the one on file only when the code comes back. A newer request cancels the older ones; wrong codes are counted.';
CREATE INDEX citizen_email_challenges_citizen_idx ON citizen_email_challenges (citizen_id, created_at);

GRANT SELECT, INSERT, UPDATE ON citizen_email_challenges TO dargah_app;
