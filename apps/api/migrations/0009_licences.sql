-- The licence register (modelled on درگاه ملی مجوزها, the national licensing portal): each licence an
-- agency issues, with its legal basis, conditions, documents, inquiries, prerequisite licences, issue
-- time, validity, cost, renewal, amendment and cancellation terms, and the one approved service id
-- (شناسه خدمت) it is delivered under. A licence's history is its event stream (stream_type 'licence').

CREATE TABLE licences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  kind text NOT NULL CHECK (length(kind) BETWEEN 2 AND 200),
  legal_basis jsonb NOT NULL CHECK (jsonb_typeof(legal_basis) = 'array' AND jsonb_array_length(legal_basis) >= 1),
  conditions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(conditions) = 'array'),
  documents jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(documents) = 'array'),
  inquiries jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(inquiries) = 'array'),
  issue_days integer NOT NULL CHECK (issue_days BETWEEN 0 AND 3650),
  validity_months integer CHECK (validity_months IS NULL OR validity_months BETWEEN 1 AND 1200),
  cost_rials bigint NOT NULL CHECK (cost_rials >= 0),
  cost_legal_basis jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(cost_legal_basis) = 'array'),
  renewal_terms text,
  amendment_terms text,
  cancellation_conditions text NOT NULL CHECK (length(cancellation_conditions) >= 2),
  service_id text CHECK (service_id ~ '^[0-9]{11}$'),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  cancelled_at timestamptz,
  cancel_reason text,
  search_key text NOT NULL,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (status <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL AND service_id IS NULL)),
  CHECK (cost_rials = 0 OR jsonb_array_length(cost_legal_basis) >= 1)
);
COMMENT ON TABLE licences IS 'The licence register (درگاه ملی مجوزها): the issuing agency, title and kind, legal_basis [{lawId, article}], conditions [text], documents [{title, mandatory}], inquiries [{agencyId, data}], issue time in working days, validity in months (NULL: permanent), cost in rials with its legal basis, renewal, amendment and cancellation terms, and service_id, the approved service id it is delivered under (NULL: not yet mapped; a cancelled licence releases it). search_key is the Persian-normalised title and kind. version is the optimistic-concurrency counter.';
COMMENT ON COLUMN licences.service_id IS 'The 11-digit service id of an approved card of the issuing agency (or a sub-agency); at most one licence per service id (licences_service_id_key).';
-- A service id carries at most one licence, even when two mappings race.
CREATE UNIQUE INDEX licences_service_id_key ON licences (service_id) WHERE service_id IS NOT NULL;
CREATE INDEX licences_agency_idx ON licences (agency_id, title, id);
CREATE INDEX licences_unmapped_idx ON licences (agency_id, title, id) WHERE service_id IS NULL AND status = 'active';

CREATE TABLE licence_prerequisites (
  licence_id uuid NOT NULL REFERENCES licences (id),
  prerequisite_id uuid NOT NULL REFERENCES licences (id),
  position integer NOT NULL,
  PRIMARY KEY (licence_id, prerequisite_id),
  CHECK (licence_id <> prerequisite_id)
);
COMMENT ON TABLE licence_prerequisites IS 'Licences that must be held before another is issued (مجوزهای پیش‌نیاز). Never a licence itself, never a cycle (checked under an advisory lock when prerequisites change).';
CREATE INDEX licence_prerequisites_prerequisite_idx ON licence_prerequisites (prerequisite_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON licences, licence_prerequisites TO dargah_app;
