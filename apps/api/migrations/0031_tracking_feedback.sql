-- The applicant's side of the desk (issue 11 §8–10): the call-centre operator's role, and the
-- applicants' ratings of their closed requests.

-- Call-centre operators (اپراتور مرکز تماس) look a request up by tracking code after the caller's
-- identity check; every lookup is audited.
ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check;
ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
  CHECK (role IN ('desk_clerk', 'expert', 'unit_manager', 'secretariat', 'agency_admin',
                  'central_reviewer', 'oversight_auditor', 'platform_admin', 'call_centre_operator'));

-- One rating per request, given by its applicant once the request is closed (a final status); a
-- second is refused (UNIQUE request_id). agency_id, service_id and unit_id are the request's, copied
-- when the rating is given, so the aggregates never ask the desk. unit_id is null while requests are
-- not tied to a unit (the agency's headquarters).
CREATE TABLE request_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL UNIQUE REFERENCES service_requests (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  service_id uuid NOT NULL REFERENCES services (id),
  unit_id uuid REFERENCES org_units (id),
  applicant_id uuid NOT NULL REFERENCES citizens (id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text CHECK (comment IS NULL OR char_length(comment) BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE request_feedback IS 'Applicants'' ratings (1-5) and comments of their closed requests, one per request; aggregated per service, unit and agency; ratings of 1-2 shown to the unit manager.';
CREATE INDEX request_feedback_agency_idx ON request_feedback (agency_id, created_at DESC, id);
CREATE INDEX request_feedback_low_idx ON request_feedback (agency_id, created_at DESC, id) WHERE rating <= 2;

GRANT SELECT, INSERT ON request_feedback TO dargah_app;
