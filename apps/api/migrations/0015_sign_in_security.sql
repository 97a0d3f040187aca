-- Sign-in security: limits every app process shares (they live here, not in each process's
-- memory), growing delays after failed staff sign-ins kept by the name typed (so an unknown
-- username is answered exactly like a known one), the one-time code's proof that the mobile
-- belongs to the national code, and the register the mobile-ownership simulator answers from.
-- Keys are stored as SHA-256 digests: an address, a national code, a mobile number or a username
-- typed by mistake into the wrong box (a password) is never kept in the clear.

CREATE TABLE rate_limit_counters (
  bucket text NOT NULL CHECK (bucket ~ '^[a-z0-9:.-]{1,64}$'),
  key_hash bytea NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL CHECK (hits >= 0),
  PRIMARY KEY (bucket, key_hash)
);
COMMENT ON TABLE rate_limit_counters IS 'Fixed-window request counters shared by every app process (per address, national code, mobile number): one row per bucket and SHA-256 of the key, counted and checked in one INSERT … ON CONFLICT statement; the rate-limit.sweep job deletes old windows.';
CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_start);

CREATE TABLE attempt_throttles (
  bucket text NOT NULL CHECK (bucket ~ '^[a-z0-9:.-]{1,64}$'),
  key_hash bytea NOT NULL,
  failures integer NOT NULL CHECK (failures >= 0),
  blocked_until timestamptz,
  last_failure_at timestamptz NOT NULL,
  PRIMARY KEY (bucket, key_hash)
);
COMMENT ON TABLE attempt_throttles IS 'Growing delays after failed sign-ins, per username typed (known or not) and per address: failures in the current streak and until when the next attempt must wait. An attempt is counted and admitted or refused in one statement; a success settles it.';
CREATE INDEX attempt_throttles_last_failure_idx ON attempt_throttles (last_failure_at);

-- A staff account's failures now live in attempt_throttles under its username; a lock in force
-- at upgrade stays in force there.
INSERT INTO attempt_throttles (bucket, key_hash, failures, blocked_until, last_failure_at)
  SELECT 'staff-login:account', sha256(convert_to(username, 'UTF8')), failed_logins, locked_until, COALESCE(locked_until, now())
    FROM staff WHERE failed_logins > 0 OR locked_until IS NOT NULL;
ALTER TABLE staff DROP COLUMN failed_logins, DROP COLUMN locked_until;
COMMENT ON TABLE staff IS 'Agency staff accounts: password (argon2id) or OpenID Connect sign-in; failed password sign-ins are delayed through attempt_throttles.';

ALTER TABLE otp_challenges ADD COLUMN registry_ref text;
COMMENT ON COLUMN otp_challenges.registry_ref IS 'The mobile-ownership registry''s reference for the match that allowed this code to be sent; a challenge without one (sent before this column existed) is refused.';

CREATE TABLE mobile_registry_simulator (
  mobile text PRIMARY KEY CHECK (mobile ~ '^09[0-9]{9}$'),
  national_code text NOT NULL CHECK (national_code ~ '^[0-9]{10}$'),
  registered_at timestamptz NOT NULL
);
COMMENT ON TABLE mobile_registry_simulator IS 'Used only with SHAHKAR_PROVIDER=simulator: the simulated operator register of which national code each SIM (mobile number) is registered to. The development seed and the tests write it; a live registry never reads it.';
CREATE INDEX mobile_registry_simulator_owner_idx ON mobile_registry_simulator (national_code);

GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_counters, attempt_throttles, mobile_registry_simulator TO dargah_app;
