-- The service desk (پیشخوان خدمت): published services with their form (a JSON Schema) and service
-- norm in working days, and the requests citizens and companies submit to them. A request's
-- history is its event stream (stream_type 'service_request'); its status column is a projection
-- of that stream, updated in the same transaction.

CREATE TABLE services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  title_fa text NOT NULL CHECK (length(title_fa) BETWEEN 2 AND 300),
  title_en text,
  description_fa text NOT NULL DEFAULT '',
  recipients text NOT NULL CHECK (recipients IN ('G2C', 'G2B', 'G2G')),
  norm_days integer NOT NULL CHECK (norm_days > 0),
  form_schema jsonb NOT NULL CHECK (jsonb_typeof(form_schema) = 'object'),
  published boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Lets service_requests check that its denormalised agency_id is the service's.
  UNIQUE (id, agency_id)
);
COMMENT ON TABLE services IS 'Services an agency offers at the desk: recipients (G2C citizens, G2B companies, G2G agencies), the norm in working days that sets the answer date, and the form as a JSON Schema validated on the server and rendered by the web app.';
CREATE INDEX services_catalogue_idx ON services (title_fa, id) WHERE published;
CREATE INDEX services_agency_idx ON services (agency_id);

CREATE TABLE service_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 10 digits: 9 random (the first not 0) and a Damm check digit (see requests/tracking-code.ts).
  tracking_code text NOT NULL UNIQUE CHECK (tracking_code ~ '^[1-9][0-9]{9}$'),
  service_id uuid NOT NULL,
  agency_id uuid NOT NULL REFERENCES agencies (id),
  applicant_id uuid NOT NULL REFERENCES citizens (id),
  on_behalf_of_id uuid REFERENCES citizens (id),
  status text NOT NULL CHECK (status IN ('submitted', 'in_review', 'approved', 'rejected')),
  form jsonb NOT NULL CHECK (jsonb_typeof(form) = 'object'),
  submitted_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  decided_at timestamptz,
  decision_note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  FOREIGN KEY (service_id, agency_id) REFERENCES services (id, agency_id),
  CHECK ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL)),
  CHECK (due_at > submitted_at)
);
COMMENT ON TABLE service_requests IS 'Requests submitted at the service desk: tracking code, applicant (a person, optionally for a company), the form as filled, the answer date from the service norm in working days, and the decision. agency_id is the service''s, copied for cartable scoping.';
CREATE INDEX service_requests_cartable_idx ON service_requests (agency_id, status, submitted_at, id);
CREATE INDEX service_requests_applicant_idx ON service_requests (applicant_id, submitted_at DESC, id DESC);
CREATE INDEX service_requests_company_idx ON service_requests (on_behalf_of_id, submitted_at DESC, id DESC) WHERE on_behalf_of_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON services, service_requests TO dargah_app;
