-- The working-day calendar (issue 11 §3, modules/calendar): each Jalali year's official holiday
-- table as the central organisation publishes it, and local closures an agency or a province adds.
-- Lunar holidays are data, never derived from ICU's Hijri calendars (docs iran.md §3). Dates are
-- Jalali 'YYYY/MM/DD' text (zero-padded, so they sort), checked for a valid day by the service.

CREATE TABLE holiday_years (
  year integer PRIMARY KEY CHECK (year BETWEEN 1390 AND 1499),
  version integer NOT NULL CHECK (version >= 1),
  published_at timestamptz NOT NULL,
  published_by uuid NOT NULL
);
COMMENT ON TABLE holiday_years IS 'A Jalali year whose holiday table the central organisation has published; version grows with each replacement (a stale publication is refused).';

CREATE TABLE holidays (
  year integer NOT NULL REFERENCES holiday_years (year),
  jalali_date text NOT NULL CHECK (jalali_date ~ '^[0-9]{4}/[0-9]{2}/[0-9]{2}$'),
  title_fa text NOT NULL CHECK (char_length(title_fa) BETWEEN 1 AND 200),
  title_en text CHECK (char_length(title_en) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('solar', 'lunar', 'other')),
  PRIMARY KEY (jalali_date),
  CHECK (substr(jalali_date, 1, 4)::integer = year)
);
COMMENT ON TABLE holidays IS 'The official holidays of a published year (solar, lunar or other), one row a day; the fixed solar holidays of the law are built into packages/persian as well.';
CREATE INDEX holidays_year_idx ON holidays (year, jalali_date);

CREATE TABLE local_closures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  jalali_date text NOT NULL CHECK (jalali_date ~ '^[0-9]{4}/[0-9]{2}/[0-9]{2}$'),
  title_fa text NOT NULL CHECK (char_length(title_fa) BETWEEN 1 AND 200),
  title_en text CHECK (char_length(title_en) BETWEEN 1 AND 200),
  agency_id uuid REFERENCES agencies (id),
  province text CHECK (char_length(province) BETWEEN 1 AND 100),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK ((agency_id IS NULL) <> (province IS NULL))
);
COMMENT ON TABLE local_closures IS 'A day an agency (agency_id) or every agency of a province (province) is closed besides the national table: added by the agency''s administrators or, for a province, by central roles.';
CREATE UNIQUE INDEX local_closures_agency_day_idx ON local_closures (agency_id, jalali_date) WHERE agency_id IS NOT NULL;
CREATE UNIQUE INDEX local_closures_province_day_idx ON local_closures (province, jalali_date) WHERE province IS NOT NULL;
CREATE INDEX local_closures_day_idx ON local_closures (jalali_date);

GRANT SELECT, INSERT, UPDATE, DELETE ON holiday_years, holidays, local_closures TO dargah_app;
