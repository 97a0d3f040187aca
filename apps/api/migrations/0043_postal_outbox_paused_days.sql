-- Postal delivery for online applicants, handed to the post by a retrying job (issue 11 item 9;
-- ADR 0039), and desk-report durations that exclude the days a request waited for its applicant
-- (issue 11 items 6 and 11).

-- The postal outbox. The answer's transaction only marks the dispatch `due` (with the answer's
-- document); the channels.postal_dispatch job hands due dispatches to the post outside any
-- transaction, at most one worker at a time per dispatch (a lease: next_attempt_at moved past the
-- post's timeout when claimed, FOR UPDATE SKIP LOCKED), retrying with backoff; after
-- POSTAL_MAX_ATTEMPTS failed attempts the dispatch is `failed` and the agency's desk staff see it.
-- Existing rows stay valid: awaiting_answer and dispatched keep their meaning, attempts start at 0.
ALTER TABLE postal_dispatches DROP CONSTRAINT postal_dispatches_status_check;
ALTER TABLE postal_dispatches
  ADD CONSTRAINT postal_dispatches_status_check CHECK (status IN ('awaiting_answer', 'due', 'dispatched', 'failed')),
  ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN last_error text CHECK (char_length(last_error) <= 500),
  ADD COLUMN failed_at timestamptz,
  -- Due: the answer's document is known and the next attempt has a time.
  ADD CONSTRAINT postal_dispatches_due_check CHECK (status <> 'due' OR (document_id IS NOT NULL AND next_attempt_at IS NOT NULL)),
  ADD CONSTRAINT postal_dispatches_failed_check CHECK ((status = 'failed') = (failed_at IS NOT NULL));
COMMENT ON TABLE postal_dispatches IS 'Answers delivered by post: the address chosen at submission; once the answer is issued the dispatch is due, handed to the post by a retrying job (attempts, next attempt, last error), dispatched with its postal tracking number or failed.';
-- What the job reads: the due dispatches whose next attempt has come.
CREATE INDEX postal_dispatches_due_idx ON postal_dispatches (next_attempt_at) WHERE status = 'due';

-- The SLA pauses of a request (corrections asked of the applicant, from the asking to the reply),
-- summed on the request in the reply's transaction: working days on the agency's calendar (as the
-- answer date moved) and Tehran calendar days. answer_working_days and answer_calendar_days, set
-- when the request is decided, are from now on the time from acceptance to answer LESS these, so
-- the desk reports (which only aggregate those two columns, from an index) exclude the paused days.
ALTER TABLE service_requests
  ADD COLUMN paused_working_days integer NOT NULL DEFAULT 0 CHECK (paused_working_days >= 0),
  ADD COLUMN paused_calendar_days integer NOT NULL DEFAULT 0 CHECK (paused_calendar_days >= 0);

-- Backfill from the corrections answered so far.
UPDATE service_requests r
   SET paused_working_days = p.w, paused_calendar_days = p.c
  FROM (SELECT request_id,
               sum(paused_working_days)::integer AS w,
               sum(GREATEST(0, (answered_at AT TIME ZONE 'Asia/Tehran')::date - (asked_at AT TIME ZONE 'Asia/Tehran')::date))::integer AS c
          FROM request_corrections WHERE answered_at IS NOT NULL GROUP BY request_id) p
 WHERE r.id = p.request_id;

-- The requests decided already: their stored durations less their pauses (working days still to
-- be counted by the requests.answer_days job are counted less the pauses by it).
UPDATE service_requests
   SET answer_working_days = CASE WHEN answer_working_days IS NULL THEN NULL ELSE GREATEST(0, answer_working_days - paused_working_days) END,
       answer_calendar_days = GREATEST(0, answer_calendar_days - paused_calendar_days)
 WHERE decided_at IS NOT NULL AND (paused_working_days > 0 OR paused_calendar_days > 0);
