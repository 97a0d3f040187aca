-- Every channel, attributed (issue 11 item 9): counter operators (اپراتور دفتر پیشخوان) submit for a
-- citizen with the citizen's one-time code as consent; the agency's in-person desk registers walk-in
-- requests; each such request records its channel, office or unit, and the staff member who entered
-- it; the answer may go by post (ADR 0033).

-- The counter operator's role: granted only by a platform administrator (PLATFORM_ONLY_ROLES); the
-- office the operator works at is the office_operators link the central organisation keeps.
ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check;
ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
  CHECK (role IN ('desk_clerk', 'expert', 'unit_manager', 'secretariat', 'agency_admin',
                  'central_reviewer', 'oversight_auditor', 'platform_admin', 'call_centre_operator',
                  'counter_operator'));

-- One office per operator (staff_id is the key): a counter operator works at one counter office.
CREATE TABLE office_operators (
  staff_id uuid PRIMARY KEY REFERENCES staff (id),
  office_id uuid NOT NULL REFERENCES service_offices (id),
  linked_at timestamptz NOT NULL
);
COMMENT ON TABLE office_operators IS 'The counter office each counter operator works at (one per operator), linked by the central organisation.';
CREATE INDEX office_operators_office_idx ON office_operators (office_id);

-- A citizen's consent to a request entered for them: the registry (شاهکار) matched the mobile to the
-- national code, a one-time code went to that mobile (stored hashed, expiring, wrong attempts
-- counted), and it is spent by exactly one request (consumed_at, request_id set together).
-- office_id for a counter operator's consent, agency_id for an agency's in-person desk clerk's.
CREATE TABLE channel_consents (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('counter', 'in_person')),
  staff_id uuid NOT NULL REFERENCES staff (id),
  office_id uuid REFERENCES service_offices (id),
  agency_id uuid REFERENCES agencies (id),
  national_code text NOT NULL CHECK (national_code ~ '^[0-9]{10}$'),
  mobile text NOT NULL CHECK (mobile ~ '^09[0-9]{9}$'),
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  registry_ref text NOT NULL,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  request_id uuid UNIQUE REFERENCES service_requests (id),
  created_at timestamptz NOT NULL,
  CHECK ((channel = 'counter') = (office_id IS NOT NULL)),
  CHECK ((channel = 'in_person') = (agency_id IS NOT NULL)),
  CHECK ((consumed_at IS NULL) = (request_id IS NULL))
);
COMMENT ON TABLE channel_consents IS 'Citizens'' one-time-code consents to a request entered for them at a counter office or an in-person desk: hashed code, expiry, attempts, spent by one request.';
CREATE INDEX channel_consents_staff_idx ON channel_consents (staff_id, created_at DESC);

-- Where a request was entered when not by the applicant online: the channel, the counter office or
-- the agency unit, the staff member, and how the applicant was identified (their one-time code, or
-- the desk clerk saw the original national card). agency_id and service_id are the request's,
-- copied so the agency's oversight of counter work reads this table alone.
CREATE TABLE request_channels (
  request_id uuid PRIMARY KEY REFERENCES service_requests (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  service_id uuid NOT NULL REFERENCES services (id),
  channel text NOT NULL CHECK (channel IN ('counter', 'in_person')),
  office_id uuid REFERENCES service_offices (id),
  unit_id uuid REFERENCES org_units (id),
  staff_id uuid NOT NULL REFERENCES staff (id),
  identity_check text NOT NULL CHECK (identity_check IN ('otp', 'card_seen')),
  consent_id uuid UNIQUE REFERENCES channel_consents (id),
  submitted_at timestamptz NOT NULL,
  CHECK ((channel = 'counter') = (office_id IS NOT NULL)),
  CHECK ((identity_check = 'otp') = (consent_id IS NOT NULL)),
  CHECK (channel = 'in_person' OR identity_check = 'otp')
);
COMMENT ON TABLE request_channels IS 'The channel a request was entered through (counter office or in-person desk), with the office or unit, the staff member and how the applicant was identified.';
CREATE INDEX request_channels_oversight_idx ON request_channels (agency_id, channel, submitted_at DESC, request_id DESC);

-- Postal delivery of the answer, chosen at submission where the service version offers it: the
-- address (from the applicant's profile, or given then) is kept; when the answer is issued the
-- dispatch is handed to the post in the same transaction and gets its postal tracking number.
CREATE TABLE postal_dispatches (
  request_id uuid PRIMARY KEY REFERENCES service_requests (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  recipient_name text NOT NULL CHECK (char_length(recipient_name) BETWEEN 1 AND 200),
  postal_code text NOT NULL CHECK (postal_code ~ '^[0-9]{10}$'),
  address text NOT NULL CHECK (char_length(address) BETWEEN 5 AND 500),
  status text NOT NULL CHECK (status IN ('awaiting_answer', 'dispatched')),
  postal_tracking text,
  document_id uuid,
  chosen_at timestamptz NOT NULL,
  dispatched_at timestamptz,
  CHECK ((status = 'dispatched') = (postal_tracking IS NOT NULL AND dispatched_at IS NOT NULL))
);
COMMENT ON TABLE postal_dispatches IS 'Answers delivered by post: the address chosen at submission, and the dispatch with its postal tracking number once the answer is issued.';

GRANT SELECT, INSERT, UPDATE, DELETE ON office_operators TO dargah_app;
GRANT SELECT, INSERT, UPDATE ON channel_consents, request_channels, postal_dispatches TO dargah_app;
