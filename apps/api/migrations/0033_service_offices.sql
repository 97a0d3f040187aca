-- The directory of service offices (issue 11 item 9): counter offices (دفاتر پیشخوان دولت) and post
-- offices, public and by province, and the desk services each has been delegated by the agency
-- that owns the service.
CREATE TABLE service_offices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('counter', 'post')),
  code text NOT NULL CHECK (code ~ '^[0-9]{4,12}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  province text NOT NULL CHECK (length(province) BETWEEN 2 AND 100),
  county text NOT NULL DEFAULT '',
  address text NOT NULL CHECK (length(address) BETWEEN 5 AND 500),
  phone text CHECK (phone ~ '^0[0-9]{9,10}$'),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (kind, code)
);
COMMENT ON TABLE service_offices IS 'Counter and post offices where people apply for services in person: the public directory, by province. Registered by the central organisation.';
CREATE INDEX service_offices_directory_idx ON service_offices (province, kind, name, id) WHERE active;

CREATE TABLE office_services (
  office_id uuid NOT NULL REFERENCES service_offices (id),
  service_id uuid NOT NULL REFERENCES services (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  delegated_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, service_id)
);
COMMENT ON TABLE office_services IS 'The desk services an office may deliver, each delegated by the agency that owns the service (its administrators add and withdraw them).';
CREATE INDEX office_services_service_idx ON office_services (service_id);
