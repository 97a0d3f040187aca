-- The service architecture (معماری خدمات دولت): macro domains (کلان‌حوزه‌ها) with their categories,
-- and service layers, to classify approved services (a card's content.classification names one
-- category and one layer); and the central reviewers' marks on approved services: duplicate,
-- removable, or to be merged with another.

CREATE TABLE service_domains (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  title_fa text NOT NULL CHECK (length(title_fa) BETWEEN 2 AND 200),
  title_en text,
  description text,
  sort integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE service_domains IS 'Macro domains of government services (کلان‌حوزه: health, education, business and employment, …), each holding categories; a domain whose categories classify a service card cannot be deleted.';

CREATE TABLE service_layers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  title_fa text NOT NULL CHECK (length(title_fa) BETWEEN 2 AND 200),
  title_en text,
  description text,
  sort integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE service_layers IS 'Service layers of the government service architecture (لایه‌های خدمت: national shared, common, agency-specific …); a layer used by a service card cannot be deleted.';

CREATE TABLE service_categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  domain_id uuid NOT NULL REFERENCES service_domains (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  title_fa text NOT NULL CHECK (length(title_fa) BETWEEN 2 AND 200),
  title_en text,
  description text,
  sort integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (domain_id, code)
);
COMMENT ON TABLE service_categories IS 'Categories of services within a macro domain (code unique within the domain); a service card names one in content.classification.categoryId.';

CREATE TABLE service_marks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  card_id uuid NOT NULL REFERENCES service_cards (id),
  kind text NOT NULL CHECK (kind IN ('duplicate', 'removable', 'merge')),
  related_card_id uuid REFERENCES service_cards (id),
  note text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution_note text,
  created_by uuid NOT NULL REFERENCES staff (id),
  resolved_by uuid REFERENCES staff (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz,
  CHECK (kind = 'removable' OR related_card_id IS NOT NULL),
  CHECK (related_card_id IS NULL OR related_card_id <> card_id),
  CHECK ((status = 'open') = (resolved_at IS NULL AND resolved_by IS NULL))
);
COMMENT ON TABLE service_marks IS 'A central reviewer''s mark on an approved service: duplicate of, or to be merged with, another approved service (related_card_id), or removable; open until resolved with a note. At most one open mark of a kind per card.';
CREATE UNIQUE INDEX service_marks_open_kind_idx ON service_marks (card_id, kind) WHERE status = 'open';
CREATE INDEX service_marks_status_idx ON service_marks (status, created_at DESC, id);

-- The public catalogue's projection carries the classification for the category and domain filters.
ALTER TABLE catalogue_entries ADD COLUMN category_id uuid;
ALTER TABLE catalogue_entries ADD COLUMN domain_id uuid;
COMMENT ON COLUMN catalogue_entries.category_id IS 'The approved content''s classification.categoryId (null when unclassified or unknown).';
COMMENT ON COLUMN catalogue_entries.domain_id IS 'The macro domain of category_id (kept current when a category moves to another domain).';
CREATE INDEX catalogue_entries_category_idx ON catalogue_entries (category_id, title);
CREATE INDEX catalogue_entries_domain_idx ON catalogue_entries (domain_id, title);

GRANT SELECT, INSERT, UPDATE, DELETE ON service_domains, service_layers, service_categories, service_marks TO dargah_app;
