-- Documents uploaded with a request, server drafts and once-only prefill (issue 11 items 2 and 3).

-- A document a citizen uploaded for a service's request: content-addressed in the blob store (one
-- reference each), the type as detected from the bytes. Unused (request_id null) until a submission
-- names it as the answer to one of the documents the service's approved card asks for (document:
-- its place in the card's list, title: its title then); used once.
CREATE TABLE request_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id uuid NOT NULL REFERENCES citizens (id),
  service_id uuid NOT NULL REFERENCES services (id),
  sha256 text NOT NULL REFERENCES blobs (sha256),
  media_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL,
  request_id uuid REFERENCES service_requests (id),
  document integer CHECK (document >= 0),
  document_title text,
  CHECK ((request_id IS NULL) = (document IS NULL) AND (request_id IS NULL) = (document_title IS NULL))
);
COMMENT ON TABLE request_uploads IS 'Documents citizens upload for a service''s request (blob store, type detected from the content); linked once to the request whose submission names them, with the card document they answer.';
CREATE INDEX request_uploads_citizen_idx ON request_uploads (citizen_id, service_id) WHERE request_id IS NULL;
CREATE INDEX request_uploads_request_idx ON request_uploads (request_id, document) WHERE request_id IS NOT NULL;
CREATE UNIQUE INDEX request_uploads_one_per_document_idx ON request_uploads (request_id, document) WHERE request_id IS NOT NULL;

-- A person's draft of a service's request, one per (person, service): the form as typed so far
-- (unchecked) and the uploads named for the card's documents. version is the row version a save
-- must name (If-Match) to replace it; deleted in the submission's transaction.
CREATE TABLE request_drafts (
  citizen_id uuid NOT NULL REFERENCES citizens (id),
  service_id uuid NOT NULL REFERENCES services (id),
  service_version integer NOT NULL CHECK (service_version >= 1),
  form jsonb NOT NULL,
  documents jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (citizen_id, service_id)
);
COMMENT ON TABLE request_drafts IS 'Request drafts saved on the server (resume on another device): form data and uploaded document ids per person and service, with a row version against silent overwrites.';

GRANT SELECT, INSERT, UPDATE ON request_uploads TO dargah_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON request_drafts TO dargah_app;
