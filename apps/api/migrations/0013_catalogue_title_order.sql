-- Persian alphabetical order for the public catalogue's lists. Sorting titles by code point puts
-- پ چ ژ گ after every other letter and ه before و; title_sort maps each letter of the normalised
-- title (title_key: ي/ی, ك/ک, آ/ا and ZWNJ already folded) to a private-use character in the order of
-- the Persian alphabet (ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی), so that
-- ordering by it under the "C" collation is alphabetical whatever the database's own collation.
ALTER TABLE catalogue_entries
  ADD COLUMN title_sort text GENERATED ALWAYS AS (
    translate(title_key, 'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی', U&'\E001\E002\E003\E004\E005\E006\E007\E008\E009\E00A\E00B\E00C\E00D\E00E\E00F\E010\E011\E012\E013\E014\E015\E016\E017\E018\E019\E01A\E01B\E01C\E01D\E01E\E01F\E020')
  ) STORED;
COMMENT ON COLUMN catalogue_entries.title_sort IS 'The title in Persian alphabetical order: order by title_sort COLLATE "C".';

DROP INDEX catalogue_entries_title_idx;
DROP INDEX catalogue_entries_agency_idx;
DROP INDEX catalogue_entries_province_idx;
DROP INDEX catalogue_entries_maturity_idx;
DROP INDEX catalogue_entries_category_idx;
DROP INDEX catalogue_entries_domain_idx;
CREATE INDEX catalogue_entries_title_idx ON catalogue_entries (title_sort COLLATE "C", card_id);
CREATE INDEX catalogue_entries_agency_idx ON catalogue_entries (agency_id, title_sort COLLATE "C");
CREATE INDEX catalogue_entries_province_idx ON catalogue_entries (province, title_sort COLLATE "C");
CREATE INDEX catalogue_entries_maturity_idx ON catalogue_entries (maturity, title_sort COLLATE "C");
CREATE INDEX catalogue_entries_category_idx ON catalogue_entries (category_id, title_sort COLLATE "C");
CREATE INDEX catalogue_entries_domain_idx ON catalogue_entries (domain_id, title_sort COLLATE "C");
