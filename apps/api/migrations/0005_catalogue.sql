-- The service catalogue (سامانه مدیریت خدمات دولت): the laws register, each agency's missions
-- grounded in law, and service identity cards (شناسنامه خدمت) as versioned documents with a
-- review lifecycle. A card's history is its event stream (stream_type 'service_card'); its status
-- column is a projection of that stream, updated in the same transaction.

CREATE TABLE laws (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  kind text NOT NULL CHECK (kind IN ('law', 'regulation', 'bylaw', 'circular', 'resolution', 'directive', 'other')),
  approving_body text NOT NULL,
  number text,
  approved_on date NOT NULL,
  link text,
  articles jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(articles) = 'array'),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE laws IS 'The laws register: laws, regulations, bylaws, circulars and resolutions with their approving body, number, approval date (entered in Jalali, stored as a date) and articles [{number, text}]; service cards and agency missions cite their articles.';
CREATE INDEX laws_title_idx ON laws (title, id);

CREATE TABLE agency_missions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  description text,
  legal_basis jsonb NOT NULL CHECK (jsonb_typeof(legal_basis) = 'array'),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE agency_missions IS 'An agency''s missions (مأموریت‌ها), each grounded in articles of registered laws (legal_basis: [{lawId, article}]); the agency''s services should serve one of them.';
CREATE INDEX agency_missions_agency_idx ON agency_missions (agency_id, title);

-- Service ids: 10 digits from this sequence plus a Damm check digit (catalogue/service-id.ts).
-- A sequence value is never handed out twice, even when the approving transaction rolls back.
CREATE SEQUENCE service_card_number_seq AS bigint START 1 MINVALUE 1 MAXVALUE 9999999999 NO CYCLE;

CREATE TABLE service_cards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  status text NOT NULL CHECK (status IN ('draft', 'parent_review', 'central_review', 'returned', 'approved', 'rejected')),
  current_version integer NOT NULL CHECK (current_version >= 1),
  service_id text UNIQUE CHECK (service_id ~ '^[0-9]{11}$'),
  submitted_at timestamptz,
  review_due_at timestamptz,
  approved_at timestamptz,
  approved_version integer,
  expires_at timestamptz,
  last_comment text,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (status <> 'approved' OR (service_id IS NOT NULL AND approved_at IS NOT NULL AND expires_at IS NOT NULL AND approved_version IS NOT NULL)),
  CHECK (status <> 'parent_review' OR review_due_at IS NOT NULL)
);
COMMENT ON TABLE service_cards IS 'Service identity cards (شناسنامه خدمت): the providing agency, the lifecycle status (draft, parent_review, central_review, returned, approved, rejected), the current content version, and once approved the 11-digit service id (never reused), approval and expiry (one year) dates. version is the optimistic-concurrency counter.';
CREATE INDEX service_cards_agency_idx ON service_cards (agency_id, created_at DESC, id);
CREATE INDEX service_cards_review_idx ON service_cards (status, submitted_at, id) WHERE status IN ('parent_review', 'central_review');

CREATE TABLE service_card_versions (
  card_id uuid NOT NULL REFERENCES service_cards (id),
  version_no integer NOT NULL CHECK (version_no >= 1),
  content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  frozen boolean NOT NULL DEFAULT false,
  PRIMARY KEY (card_id, version_no)
);
COMMENT ON TABLE service_card_versions IS 'The content of each version of a service card (the card schema of @dargah/contracts as jsonb). A version is edited while a draft and frozen when submitted; a frozen version never changes (trigger), so reviews and approvals refer to fixed text. A returned card is edited as a new version.';

CREATE FUNCTION service_card_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.frozen THEN
    RAISE EXCEPTION 'service card % version % is frozen', OLD.card_id, OLD.version_no USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER service_card_versions_frozen BEFORE UPDATE OR DELETE ON service_card_versions FOR EACH ROW EXECUTE FUNCTION service_card_versions_frozen();

GRANT SELECT, INSERT, UPDATE, DELETE ON laws, agency_missions, service_cards, service_card_versions TO dargah_app;
GRANT USAGE, SELECT ON SEQUENCE service_card_number_seq TO dargah_app;
