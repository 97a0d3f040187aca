-- Staff administration: a mobile number on the staff record (where a password-reset code is sent),
-- a row version for editing a staff member's details at the version read, and one-time
-- password-reset codes that an administrator has sent to a staff member.

ALTER TABLE staff ADD COLUMN mobile text CHECK (mobile ~ '^09[0-9]{9}$');
ALTER TABLE staff ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TABLE staff_password_resets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL REFERENCES staff (id),
  code_hash text NOT NULL UNIQUE,
  sent_to text NOT NULL,
  created_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  cancelled_at timestamptz,
  CHECK (expires_at > created_at)
);
COMMENT ON TABLE staff_password_resets IS 'One-time password-reset codes an administrator had sent by SMS to a staff member: stored as SHA-256, single use, expiring; a newer code, a deactivation or a use cancels the rest.';
CREATE INDEX staff_password_resets_staff_idx ON staff_password_resets (staff_id, created_at);

GRANT SELECT, INSERT, UPDATE ON staff_password_resets TO dargah_app;
