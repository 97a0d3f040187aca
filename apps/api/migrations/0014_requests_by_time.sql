-- The discrepancy report counts every request received in a period across all services: a range
-- over submitted_at, read from the index alone (service_id included), instead of the whole table.
CREATE INDEX service_requests_submitted_idx ON service_requests (submitted_at) INCLUDE (service_id);
