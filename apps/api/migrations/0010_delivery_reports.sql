-- Delivery against the catalogue (issue 4 §8): a desk service is linked to the approved catalogue
-- service id it delivers, and provincial and county offices report yearly the services they
-- delivered. Rows reported without a service id enter a central review that links each to an
-- approved service id, records that the agency must register a card for it, or dismisses it.

ALTER TABLE services ADD COLUMN catalogue_service_id text REFERENCES service_cards (service_id)
  CHECK (catalogue_service_id ~ '^[0-9]{11}$');
COMMENT ON COLUMN services.catalogue_service_id IS 'The approved catalogue service id (شناسه خدمت) this desk service delivers, set by the agency''s administrator; NULL while unlinked. Requests to an unlinked service count as delivered without an approved id in the discrepancy reports.';
CREATE INDEX services_catalogue_link_idx ON services (catalogue_service_id) WHERE catalogue_service_id IS NOT NULL;
-- The reports count requests per service within a period.
CREATE INDEX service_requests_delivery_idx ON service_requests (service_id, submitted_at);

CREATE TABLE delivery_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  year integer NOT NULL CHECK (year BETWEEN 1300 AND 1600),
  -- The Jalali year as instants: 1 Farvardin 00:00 Tehran, and the next year's (exclusive).
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  revision integer NOT NULL CHECK (revision >= 1),
  replaces_id uuid REFERENCES delivery_reports (id),
  superseded_at timestamptz,
  submitted_by uuid,
  submitted_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (agency_id, year, revision),
  CHECK (period_end > period_start),
  CHECK ((revision = 1) = (replaces_id IS NULL))
);
COMMENT ON TABLE delivery_reports IS 'Yearly reports (per Jalali year) by provincial and county offices of the services they delivered. One current report per agency and year; a correction is a new revision that replaces it (superseded_at set on the old one, which stays as history).';
CREATE UNIQUE INDEX delivery_reports_current_idx ON delivery_reports (agency_id, year) WHERE superseded_at IS NULL;
CREATE INDEX delivery_reports_period_idx ON delivery_reports (period_start, period_end) WHERE superseded_at IS NULL;

CREATE TABLE delivery_report_rows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES delivery_reports (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  row_no integer NOT NULL CHECK (row_no >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  delivered_count integer NOT NULL CHECK (delivered_count >= 0),
  service_id text REFERENCES service_cards (service_id),
  review_status text NOT NULL CHECK (review_status IN ('counted', 'pending', 'linked', 'card_required', 'dismissed')),
  resolved_service_id text REFERENCES service_cards (service_id),
  resolution_note text,
  resolved_by uuid,
  resolved_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (report_id, row_no),
  CHECK ((review_status = 'counted') = (service_id IS NOT NULL)),
  CHECK ((review_status = 'linked') = (resolved_service_id IS NOT NULL)),
  CHECK (review_status <> 'dismissed' OR resolution_note IS NOT NULL),
  CHECK ((review_status IN ('linked', 'card_required', 'dismissed')) = (resolved_at IS NOT NULL))
);
COMMENT ON TABLE delivery_report_rows IS 'The rows of a delivery report: a service title and how many times it was delivered. A row with an approved service id is counted as delivery of that service (counted); a row without one enters central review (pending) and is resolved as linked (to resolved_service_id), card_required (the agency must register a card) or dismissed (with the reason in resolution_note).';
CREATE INDEX delivery_report_rows_report_idx ON delivery_report_rows (report_id, row_no);
CREATE INDEX delivery_report_rows_review_idx ON delivery_report_rows (review_status, id) WHERE review_status IN ('pending', 'card_required');

GRANT SELECT, INSERT, UPDATE, DELETE ON delivery_reports, delivery_report_rows TO dargah_app;
