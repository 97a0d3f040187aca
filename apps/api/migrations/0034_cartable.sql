-- The cartable's work items (issue 11 item 5): who holds (has claimed) each request, and the
-- staff-only notes on it. A request's claim is one row per request, created on the first claim
-- and kept (holder_id NULL once released) so its version only grows: a claim is an
-- INSERT .. ON CONFLICT DO UPDATE .. WHERE holder_id IS NULL, so of concurrent claims exactly one
-- wins. The internal history is the event stream 'service_request_work' (never the request's own
-- stream, which its applicant reads).
CREATE TABLE cartable_claims (
  request_id uuid PRIMARY KEY REFERENCES service_requests (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  holder_id uuid REFERENCES staff (id),
  -- How the holder got it: claimed it, assigned by a manager, or referred by a colleague.
  via text CHECK (via IN ('claim', 'assign', 'refer')),
  held_since timestamptz,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  CHECK ((holder_id IS NULL) = (via IS NULL) AND (holder_id IS NULL) = (held_since IS NULL))
);
COMMENT ON TABLE cartable_claims IS 'Who works a request of the cartable: its holder (claimed, assigned by a unit manager or referred by a colleague), or nobody once released. One row per request ever claimed; version grows on every change.';
CREATE INDEX cartable_claims_holder_idx ON cartable_claims (agency_id, holder_id) WHERE holder_id IS NOT NULL;

CREATE TABLE request_internal_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The order notes were written in (several may share an instant).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  request_id uuid NOT NULL REFERENCES service_requests (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  author_id uuid NOT NULL REFERENCES staff (id),
  kind text NOT NULL CHECK (kind IN ('note', 'referral')),
  -- For a referral: the colleague it was referred to.
  to_staff_id uuid REFERENCES staff (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'referral') = (to_staff_id IS NOT NULL))
);
COMMENT ON TABLE request_internal_notes IS 'Staff-only notes on a request (and the notes of referrals): shown to desk staff of its agency, never to the applicant or on public tracking.';
CREATE INDEX request_internal_notes_request_idx ON request_internal_notes (request_id, seq);

GRANT SELECT, INSERT, UPDATE, DELETE ON cartable_claims, request_internal_notes TO dargah_app;
