-- Desk reports (issue 11 item 11): requests accepted, answered, pending and overdue, and the time
-- from acceptance to answer, by Jalali period, service and office. The durations are computed once,
-- when a request is decided, with the desk's working calendar (requests.service.ts answerDuration)
-- and stored here, so the reports only aggregate.
--
-- unit_id is the office (headquarters or operational unit, org_units.kind) that serves the request:
-- the unit of the staff member who first takes or decides it, when their role is held in a unit.
-- answer_calendar_days: Tehran calendar days from the day of submission to the day of the answer
-- (answered the same day: 0). answer_working_days: working days d with submission day < d <= answer
-- day, the count the answer date (due_at) is made of, so "answered within the norm" is
-- answer_working_days <= the service norm.
ALTER TABLE service_requests
  ADD COLUMN unit_id uuid REFERENCES org_units (id),
  ADD COLUMN answer_working_days integer CHECK (answer_working_days >= 0),
  ADD COLUMN answer_calendar_days integer CHECK (answer_calendar_days >= 0);

-- Calendar days of the requests already decided; their working days are filled by the daily
-- requests.answer-days job (the calendar lives in TypeScript, not SQL).
UPDATE service_requests
   SET answer_calendar_days = GREATEST(0, (decided_at AT TIME ZONE 'Asia/Tehran')::date - (submitted_at AT TIME ZONE 'Asia/Tehran')::date)
 WHERE decided_at IS NOT NULL;

ALTER TABLE service_requests
  ADD CONSTRAINT service_requests_answer_days_check CHECK ((decided_at IS NULL) = (answer_calendar_days IS NULL));

-- The reports read one agency's year from the index alone: requests accepted in a period (counts,
-- still open, overdue) and requests answered in a period (counts, late, the durations' percentiles).
CREATE INDEX service_requests_accepted_report_idx ON service_requests (agency_id, submitted_at)
  INCLUDE (service_id, unit_id, decided_at, due_at);
CREATE INDEX service_requests_answered_report_idx ON service_requests (agency_id, decided_at)
  INCLUDE (service_id, unit_id, due_at, answer_working_days, answer_calendar_days)
  WHERE decided_at IS NOT NULL;
-- The decided requests whose working days the job still has to count.
CREATE INDEX service_requests_answer_days_todo_idx ON service_requests (id)
  WHERE decided_at IS NOT NULL AND answer_working_days IS NULL;
