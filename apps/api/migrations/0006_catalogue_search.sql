-- The public catalogue's search projection: one row per approved service card, holding its filter
-- columns and a Persian search key (normalizeForSearch of title, sub-services,
-- description and agency name: ي/ی, ك/ک, ZWNJ, harakat and Persian digits folded). Rebuilt from
-- service_cards by catalogue-public.repository (refreshCatalogueEntry / syncCatalogueEntries);
-- it holds nothing that cannot be recomputed, so it has no foreign keys. The approved content
-- itself is read from service_card_versions: kept out of this table, rows stay narrow and a search
-- that scans thousands of them reads a few megabytes.

CREATE TABLE catalogue_entries (
  card_id uuid PRIMARY KEY,
  service_id text NOT NULL UNIQUE CHECK (service_id ~ '^[0-9]{11}$'),
  agency_id uuid NOT NULL,
  agency_name text NOT NULL,
  agency_name_en text,
  agency_legal_id text NOT NULL,
  agency_version integer NOT NULL,
  title text NOT NULL,
  title_key text NOT NULL,
  search_key text NOT NULL,
  recipients text[] NOT NULL DEFAULT '{}',
  maturity text,
  level text,
  life_events text[] NOT NULL DEFAULT '{}',
  province text,
  approved_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  card_version integer NOT NULL,
  synced_at timestamptz NOT NULL
);
COMMENT ON TABLE catalogue_entries IS 'Search projection of approved service cards for the public catalogue (content read from service_card_versions at approved_version): a Persian-normalised search key over title, sub-services, description and agency and one over the title alone (both trigram indexed) and the filter columns. Derived from service_cards; card_version and agency_version are the card''s and agency''s optimistic counters at the last refresh: a difference marks the entry stale.';

CREATE INDEX catalogue_entries_search_trgm_idx ON catalogue_entries USING gin (search_key gin_trgm_ops);
CREATE INDEX catalogue_entries_title_trgm_idx ON catalogue_entries USING gin (title_key gin_trgm_ops);
CREATE INDEX catalogue_entries_title_idx ON catalogue_entries (title, card_id);
CREATE INDEX catalogue_entries_agency_idx ON catalogue_entries (agency_id, title);
CREATE INDEX catalogue_entries_province_idx ON catalogue_entries (province, title);
CREATE INDEX catalogue_entries_maturity_idx ON catalogue_entries (maturity, title);
CREATE INDEX catalogue_entries_life_events_idx ON catalogue_entries USING gin (life_events);
CREATE INDEX catalogue_entries_recipients_idx ON catalogue_entries USING gin (recipients);

GRANT SELECT, INSERT, UPDATE, DELETE ON catalogue_entries TO dargah_app;
