-- Gap-free letter numbers per scope (an agency), domain (outgoing, internal, incoming…) and Jalali
-- year (ADR 0041). One row per counter; `nextNumber` allocates with one upsert that bumps `last`
-- and keeps the row locked until the caller's transaction ends: a rollback gives the number back,
-- a concurrent allocator of the same counter waits for that commit, other counters do not wait.
-- No sequence object: PostgreSQL sequences are never rolled back, so they leave gaps.
-- `scope` is the caller's text (no foreign key: the platform knows no module's table). `last` stays
-- within nine digits, the width of the sequence in the شمس id (platform/numbering/shams.ts).
CREATE TABLE number_sequences (
  scope text NOT NULL CHECK (scope ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  domain text NOT NULL CHECK (domain ~ '^[a-z][a-z0-9_]{0,31}$'),
  year integer NOT NULL CHECK (year BETWEEN 1300 AND 1699),
  last integer NOT NULL CHECK (last BETWEEN 1 AND 999999999),
  PRIMARY KEY (scope, domain, year)
);
COMMENT ON TABLE number_sequences IS 'Last number handed out per scope (agency), domain and Jalali year; bumped inside the registering transaction, so numbers are gap-free and a rollback consumes none.';
