-- Unused uploads are swept (ADR 0036, "Unused uploads"): the requests.uploads_sweep job deletes
-- uploads never linked to a request once older than the retention period, unless a draft still
-- names them, releasing each one's blob reference in its transaction. The sweep scans unused
-- uploads oldest first.
CREATE INDEX request_uploads_unused_idx ON request_uploads (created_at, id) WHERE request_id IS NULL;
GRANT DELETE ON request_uploads TO dargah_app;
