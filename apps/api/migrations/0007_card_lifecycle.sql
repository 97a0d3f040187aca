-- Service-card lifecycle after first approval: change requests (a new version reviewed while the
-- approved one stays in force, citing the changed law and carrying the agency head's approval),
-- yearly expiry with reminders at 60, 30 and 7 days, and renewal.

ALTER TABLE service_cards DROP CONSTRAINT service_cards_status_check;
ALTER TABLE service_cards ADD CONSTRAINT service_cards_status_check
  CHECK (status IN ('draft', 'parent_review', 'central_review', 'returned', 'approved', 'rejected', 'renewal_review'));
-- A card in force keeps its service id, approval and expiry while a change or renewal is reviewed.
ALTER TABLE service_cards ADD CONSTRAINT service_cards_live_check
  CHECK (approved_version IS NULL OR (service_id IS NOT NULL AND approved_at IS NOT NULL AND expires_at IS NOT NULL));
ALTER TABLE service_cards ADD CONSTRAINT service_cards_renewal_check
  CHECK (status <> 'renewal_review' OR approved_version IS NOT NULL);
CREATE INDEX service_cards_expiry_idx ON service_cards (expires_at) WHERE approved_version IS NOT NULL;
COMMENT ON COLUMN service_cards.approved_version IS 'The version in force (what the public sees); a change request drafts and reviews later versions without touching it until approved. status is the state of the current cycle (draft … central_review for a change request, renewal_review for a renewal).';

-- Why a version changes an approved card, fixed with the version when it is submitted.
ALTER TABLE service_card_versions ADD COLUMN change_basis jsonb CHECK (change_basis IS NULL OR jsonb_typeof(change_basis) = 'object');
ALTER TABLE service_card_versions ADD COLUMN head_approval jsonb CHECK (head_approval IS NULL OR jsonb_typeof(head_approval) = 'object');
COMMENT ON COLUMN service_card_versions.change_basis IS 'For a change request: {lawId, articles[], reason}, the changed law or regulation it cites.';
COMMENT ON COLUMN service_card_versions.head_approval IS 'For a change request: {approvedBy (staff id of an agency administrator), approvedAt, reference}.';

CREATE TABLE card_reminders (
  card_id uuid NOT NULL REFERENCES service_cards (id),
  expires_at timestamptz NOT NULL,
  days_before integer NOT NULL CHECK (days_before IN (60, 30, 7, 0)),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (card_id, expires_at, days_before)
);
COMMENT ON TABLE card_reminders IS 'Expiry reminders sent (days_before 60, 30, 7) and expiries recorded (0), once each per card per expiry date: the key makes the daily catalogue.expiry job idempotent; a renewal moves expires_at and so starts a fresh set.';

CREATE TABLE card_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  card_id uuid NOT NULL REFERENCES service_cards (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  kind text NOT NULL CHECK (kind IN ('expiry_reminder', 'expired')),
  days_before integer NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE card_notifications IS 'In-app notices to an agency''s administrators about its service cards: expiry reminders and expiries.';
CREATE INDEX card_notifications_agency_idx ON card_notifications (agency_id, created_at DESC, id);

GRANT SELECT, INSERT, UPDATE, DELETE ON card_reminders, card_notifications TO dargah_app;
