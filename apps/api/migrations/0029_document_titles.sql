-- Documents' titles (issue 10: the signer's list and a document's page name it). The title of the
-- kind's data as rendered (platform/pdf's `title`, at most 300 characters); '' for documents issued
-- before this column. Numbered 0029 to leave 0028 to the documents work done beside this one.

ALTER TABLE documents ADD COLUMN title text NOT NULL DEFAULT '' CHECK (char_length(title) <= 300);
COMMENT ON COLUMN documents.title IS 'The document''s title as rendered (the kind''s data `title`); empty for documents issued before migration 0029.';
-- "Waiting for my signature": an agency's documents still standing, newest first.
CREATE INDEX documents_agency_issued_idx ON documents (agency_id, created_at DESC, id) WHERE status = 'issued';
