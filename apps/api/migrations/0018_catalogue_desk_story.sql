-- The catalogue and the desk tell one story (issue 8): the public catalogue's projection keeps what
-- the desk needs to know of an approved service and what an English search matches.
--  * title_en, title_en_key: the card's English title (optional field titleEn) and its search key
--    (normalizeForSearch: lower-cased), trigram indexed for English queries and their typos;
--  * request_channels, delivery_channels: how the card says the service is requested and delivered:
--    a desk service takes requests online only when a request channel is electronic (and its maturity
--    is), and otherwise the catalogue and the portal say how it is delivered.
-- Existing entries get their English title and channels here; their search_key (which now also holds
-- the English title and the agency's English name) is rebuilt by the catalogue.sync-entries job
-- (every ten minutes): card_version = 0 marks every entry stale.
ALTER TABLE catalogue_entries
  ADD COLUMN title_en text,
  ADD COLUMN title_en_key text,
  ADD COLUMN request_channels text[] NOT NULL DEFAULT '{}',
  ADD COLUMN delivery_channels text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN catalogue_entries.title_en IS 'The approved card''s English title (content.titleEn), when given.';
COMMENT ON COLUMN catalogue_entries.title_en_key IS 'title_en normalised for search (lower-cased, spaces collapsed); null without an English title.';
COMMENT ON COLUMN catalogue_entries.request_channels IS 'The approved card''s request channels (content.channels.request).';
COMMENT ON COLUMN catalogue_entries.delivery_channels IS 'The approved card''s delivery channels (content.channels.delivery).';

UPDATE catalogue_entries e
   SET title_en = v.content ->> 'titleEn',
       title_en_key = lower(v.content ->> 'titleEn'),
       request_channels = ARRAY(SELECT jsonb_array_elements_text(coalesce(v.content -> 'channels' -> 'request', '[]'::jsonb))),
       delivery_channels = ARRAY(SELECT jsonb_array_elements_text(coalesce(v.content -> 'channels' -> 'delivery', '[]'::jsonb))),
       card_version = 0
  FROM service_cards c
  JOIN service_card_versions v ON v.card_id = c.id AND v.version_no = c.approved_version
 WHERE c.id = e.card_id;

CREATE INDEX catalogue_entries_title_en_trgm_idx ON catalogue_entries USING gin (title_en_key gin_trgm_ops);
