-- Interaction during the work (issue 11 item 6): staff ask the applicant for a correction (the
-- request waits for the applicant and its SLA clock stops), the applicant replies, and both sides
-- exchange messages with attachments on the request.

ALTER TABLE service_requests DROP CONSTRAINT service_requests_status_check;
ALTER TABLE service_requests ADD CONSTRAINT service_requests_status_check
  CHECK (status IN ('submitted', 'in_review', 'awaiting_applicant', 'approved', 'rejected'));

-- One correction request per pause: what staff asked for, and (once the applicant replied) the
-- paused interval in working days of the agency's calendar with the answer date before and after.
-- At most one is open (answered_at null) per request.
CREATE TABLE request_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES service_requests (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  asked_by uuid NOT NULL,
  asked_as text NOT NULL,
  fields text[] NOT NULL,
  documents text[] NOT NULL,
  message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 2000),
  asked_at timestamptz NOT NULL,
  answered_at timestamptz,
  answered_by uuid REFERENCES citizens (id),
  paused_working_days integer CHECK (paused_working_days >= 0),
  due_before timestamptz NOT NULL,
  due_after timestamptz,
  CHECK (cardinality(fields) + cardinality(documents) > 0),
  CHECK ((answered_at IS NULL) = (paused_working_days IS NULL) AND (answered_at IS NULL) = (due_after IS NULL)),
  CHECK (answered_at IS NULL OR answered_at >= asked_at)
);
COMMENT ON TABLE request_corrections IS 'Corrections staff asked of a request''s applicant (form fields, documents, a message); each is an SLA pause from asked_at to answered_at, paused_working_days counted on the agency''s calendar, the answer date moved from due_before to due_after. At most one open per request.';
CREATE UNIQUE INDEX request_corrections_open_idx ON request_corrections (request_id) WHERE answered_at IS NULL;
CREATE INDEX request_corrections_request_idx ON request_corrections (request_id, asked_at);
CREATE INDEX request_corrections_agency_idx ON request_corrections (agency_id, asked_at);

-- The thread of a request: the applicant (or the company's representative) and the agency's desk
-- staff. author_role is the staff member's role (shown to the applicant instead of a name).
CREATE TABLE request_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES service_requests (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  author_type text NOT NULL CHECK (author_type IN ('citizen', 'staff')),
  author_id uuid NOT NULL,
  author_role text,
  on_behalf_of_id uuid REFERENCES citizens (id),
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL,
  CHECK ((author_type = 'staff') = (author_role IS NOT NULL))
);
COMMENT ON TABLE request_messages IS 'Messages between a request''s applicant and its agency''s desk staff, oldest first; staff messages carry the role they wrote as, never shown with the staff member''s name to the applicant.';
CREATE INDEX request_messages_thread_idx ON request_messages (request_id, created_at, id);

-- Files attached to a request's messages: content-addressed in the blob store (one reference each),
-- the type as detected from the bytes. Uploaded first (message_id null), then attached to the
-- uploader's next message on the same request.
CREATE TABLE request_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES service_requests (id),
  message_id uuid REFERENCES request_messages (id),
  uploaded_by_type text NOT NULL CHECK (uploaded_by_type IN ('citizen', 'staff')),
  uploaded_by uuid NOT NULL,
  sha256 text NOT NULL REFERENCES blobs (sha256),
  media_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE request_attachments IS 'Files of a request''s messages in the blob store (type detected from the content); message_id null until the uploader sends the message that carries it.';
CREATE INDEX request_attachments_request_idx ON request_attachments (request_id, message_id);

GRANT SELECT, INSERT, UPDATE ON request_corrections, request_messages, request_attachments TO dargah_app;
