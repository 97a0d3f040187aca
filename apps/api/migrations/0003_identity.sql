-- Identity and access: agencies and their organisational units, staff with roles per agency and
-- unit, delegation, citizens and companies with representatives, one-time codes, sessions and API
-- tokens for other agencies' systems.

CREATE TABLE agencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  legal_id text NOT NULL UNIQUE CHECK (legal_id ~ '^[0-9]{11}$'),
  name_fa text NOT NULL CHECK (length(name_fa) BETWEEN 2 AND 200),
  name_en text,
  kind text NOT NULL CHECK (kind IN ('ministry', 'organisation', 'provincial_office', 'county_office', 'central_body')),
  parent_id uuid REFERENCES agencies (id),
  province text,
  county text,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
COMMENT ON TABLE agencies IS 'Executive agencies (دستگاه‌های اجرایی): ministries, subsidiary organisations, provincial and county offices, with their legal-entity national id and parent.';
CREATE INDEX agencies_parent_idx ON agencies (parent_id);

CREATE TABLE org_units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  parent_id uuid REFERENCES org_units (id),
  name_fa text NOT NULL CHECK (length(name_fa) BETWEEN 2 AND 200),
  name_en text,
  kind text NOT NULL CHECK (kind IN ('headquarters', 'operational')),
  code text,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (agency_id, code)
);
COMMENT ON TABLE org_units IS 'Tree of organisational units of an agency; each unit is headquarters (ستاد) or operational (صف).';
CREATE INDEX org_units_agency_idx ON org_units (agency_id, parent_id);

CREATE TABLE staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name text NOT NULL,
  national_code text CHECK (national_code ~ '^[0-9]{10}$'),
  email text,
  password_hash text,
  oidc_subject text UNIQUE,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE staff IS 'Agency staff accounts: password (argon2id) or OpenID Connect sign-in, lockout after repeated failures.';

CREATE TABLE role_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL REFERENCES staff (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  unit_id uuid REFERENCES org_units (id),
  role text NOT NULL CHECK (role IN ('desk_clerk', 'expert', 'unit_manager', 'secretariat', 'agency_admin',
                                     'central_reviewer', 'oversight_auditor', 'platform_admin')),
  include_subagencies boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  UNIQUE NULLS NOT DISTINCT (staff_id, agency_id, unit_id, role)
);
COMMENT ON TABLE role_assignments IS 'Roles a staff member holds, per agency and optionally per unit; include_subagencies extends it to the agency''s sub-agencies.';
CREATE INDEX role_assignments_staff_idx ON role_assignments (staff_id);

CREATE TABLE delegations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  principal_id uuid NOT NULL REFERENCES staff (id),
  delegate_id uuid NOT NULL REFERENCES staff (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL,
  created_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK (principal_id <> delegate_id),
  CHECK (ends_at > starts_at)
);
COMMENT ON TABLE delegations IS 'Delegation (جانشین): the delegate acts for the principal within a time window; everything done is recorded as delegate on behalf of principal.';
CREATE INDEX delegations_delegate_idx ON delegations (delegate_id, starts_at, ends_at);

CREATE TABLE citizens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('person', 'company')),
  national_code text UNIQUE CHECK (national_code ~ '^[0-9]{10}$'),
  legal_id text UNIQUE CHECK (legal_id ~ '^[0-9]{11}$'),
  name text,
  mobile text CHECK (mobile ~ '^09[0-9]{9}$'),
  postal_code text CHECK (postal_code ~ '^[0-9]{10}$'),
  address text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((kind = 'person' AND national_code IS NOT NULL AND legal_id IS NULL)
      OR (kind = 'company' AND legal_id IS NOT NULL AND national_code IS NULL))
);
COMMENT ON TABLE citizens IS 'Service recipients: real persons (national code + mobile) and legal persons (company national id), with the profile entered once and reused by every service.';

CREATE TABLE company_representatives (
  company_id uuid NOT NULL REFERENCES citizens (id),
  person_id uuid NOT NULL REFERENCES citizens (id),
  title text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (company_id, person_id)
);
COMMENT ON TABLE company_representatives IS 'Real persons who may act for a company (legal person).';

CREATE TABLE otp_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  national_code text NOT NULL,
  mobile text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  ip text,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE otp_challenges IS 'One-time sign-in codes sent by SMS: stored hashed, expiring, with wrong attempts counted and limited.';
CREATE INDEX otp_challenges_lookup_idx ON otp_challenges (national_code, created_at);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  subject_type text NOT NULL CHECK (subject_type IN ('staff', 'citizen')),
  subject_id uuid NOT NULL,
  acting_for_id uuid,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
COMMENT ON TABLE sessions IS 'Server-side sessions; the cookie holds a random token whose SHA-256 is the key. acting_for_id: a company for its representative, a principal for a delegate.';
CREATE INDEX sessions_subject_idx ON sessions (subject_type, subject_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  scopes text[] NOT NULL,
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
COMMENT ON TABLE api_tokens IS 'Tokens for other agencies'' systems: stored hashed, scoped to one agency and a list of scopes, revocable.';

CREATE TABLE sms_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  recipient text NOT NULL,
  body text NOT NULL,
  purpose text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  provider_ref text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
COMMENT ON TABLE sms_outbox IS 'Every SMS Dargah sends; the simulator''s deliveries are visible to developers at /dev/outbox outside production.';

GRANT SELECT, INSERT, UPDATE, DELETE ON agencies, org_units, staff, role_assignments, delegations, citizens,
  company_representatives, otp_challenges, sessions, api_tokens, sms_outbox TO dargah_app;
