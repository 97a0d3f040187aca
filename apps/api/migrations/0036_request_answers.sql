-- The signed answer (issue 11, item 7): a staff member's decision on a request with its reasons and
-- legal basis, issued as a document (kind 'answer', platform/pdf) that the documents module records
-- and its signers sign; the request names its answer here.

ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('receipt', 'letter', 'report', 'answer'));

-- One answer per request (PRIMARY KEY request_id), written in the decision's own transaction: a
-- decision that rolls back leaves neither the answer nor its document. A partial approval is an
-- approval with partial = true and the parts not granted (ADR 0029). legal_basis is what the
-- decider cited from the service's catalogue card: [{lawId, article, lawTitle}].
CREATE TABLE request_answers (
  request_id uuid PRIMARY KEY REFERENCES service_requests (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  document_id uuid NOT NULL UNIQUE REFERENCES documents (id),
  decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  partial boolean NOT NULL DEFAULT false,
  not_granted text CHECK (not_granted IS NULL OR char_length(not_granted) BETWEEN 1 AND 2000),
  reasons text CHECK (reasons IS NULL OR char_length(reasons) BETWEEN 1 AND 4000),
  legal_basis jsonb NOT NULL DEFAULT '[]'::jsonb,
  decided_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  CHECK (NOT partial OR (decision = 'approved' AND not_granted IS NOT NULL)),
  CHECK (decision = 'approved' OR (reasons IS NOT NULL AND jsonb_array_length(legal_basis) > 0))
);
COMMENT ON TABLE request_answers IS 'The signed answer of a decided request: the decision (approved, possibly partial with the parts not granted, or rejected), the reasons and the legal basis cited from the service''s catalogue card, and the document (kind answer) issued for it in the decision''s transaction; one per request.';
CREATE INDEX request_answers_agency_idx ON request_answers (agency_id, created_at DESC);

GRANT SELECT, INSERT ON request_answers TO dargah_app;
