-- Desk services as versioned definitions (issue 11 item 1). A desk service keeps its identity (agency,
-- title, recipients, the approved catalogue card it delivers); what a request runs on lives in its
-- versions: the form (JSON Schema and UI schema), the workflow, the output template, the fee rule and
-- whether an in-person step or postal delivery applies. At most one version is published and at most
-- one is a draft; publishing retires the one before. A request records the version it was submitted
-- on and stays on it: its form, workflow and answer template are that version's.
CREATE TABLE service_versions (
  service_id uuid NOT NULL REFERENCES services (id),
  version_no integer NOT NULL CHECK (version_no BETWEEN 1 AND 100000),
  state text NOT NULL CHECK (state IN ('draft', 'published', 'retired')),
  form_schema jsonb NOT NULL CHECK (jsonb_typeof(form_schema) = 'object'),
  ui_schema jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(ui_schema) = 'object'),
  -- A workflow template of platform/workflow (ADR 0027) by its id.
  workflow text NOT NULL CHECK (workflow ~ '^[a-z][a-z0-9_]{1,63}$'),
  -- The answer document's template (Typst markup); null: the platform's default answer.
  output_template text CHECK (length(output_template) <= 100000),
  fee_rule jsonb NOT NULL DEFAULT '{"kind": "none"}' CHECK (jsonb_typeof(fee_rule) = 'object'),
  in_person_step boolean NOT NULL DEFAULT false,
  postal_delivery boolean NOT NULL DEFAULT false,
  change_note text NOT NULL DEFAULT '' CHECK (length(change_note) <= 2000),
  row_version integer NOT NULL DEFAULT 1 CHECK (row_version BETWEEN 1 AND 2147483647),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  published_at timestamptz,
  retired_at timestamptz,
  PRIMARY KEY (service_id, version_no),
  CHECK ((state = 'draft') = (published_at IS NULL)),
  CHECK ((state = 'retired') = (retired_at IS NOT NULL))
);
COMMENT ON TABLE service_versions IS 'Versions of a desk service: form (JSON Schema + UI schema), workflow template, output template, fee rule, in-person step, postal delivery. At most one published and one draft per service; requests keep the version they were submitted on.';
CREATE UNIQUE INDEX service_versions_one_published_idx ON service_versions (service_id) WHERE state = 'published';
CREATE UNIQUE INDEX service_versions_one_draft_idx ON service_versions (service_id) WHERE state = 'draft';

-- Every existing service's form becomes its version 1 (published when the service was), on the
-- simple-approval workflow every request has run on so far.
INSERT INTO service_versions (service_id, version_no, state, form_schema, workflow, created_at, updated_at, published_at)
SELECT id, 1, CASE WHEN published THEN 'published' ELSE 'draft' END, form_schema, 'simple_approval', created_at, updated_at,
       CASE WHEN published THEN updated_at END
  FROM services;

-- The form now lives in the versions only; services.published says a version is published (kept in
-- the transaction that publishes one).
ALTER TABLE services DROP COLUMN form_schema;

ALTER TABLE service_requests ADD COLUMN service_version integer;
UPDATE service_requests SET service_version = 1;
ALTER TABLE service_requests
  ALTER COLUMN service_version SET NOT NULL,
  ADD CONSTRAINT service_requests_version_fk FOREIGN KEY (service_id, service_version) REFERENCES service_versions (service_id, version_no);
COMMENT ON COLUMN service_requests.service_version IS 'The service version the request was submitted on: its form, workflow and answer template are that version''s.';

GRANT SELECT, INSERT, UPDATE ON service_versions TO dargah_app;
