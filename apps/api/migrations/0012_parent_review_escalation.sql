-- A parent agency that lets its week for reviewing a sub-agency's card pass is escalated past: the
-- card goes on to central review, and both agencies are told (card_notifications kind
-- 'review_escalated', with the missed due date).
ALTER TABLE card_notifications DROP CONSTRAINT card_notifications_kind_check;
ALTER TABLE card_notifications
  ADD CONSTRAINT card_notifications_kind_check CHECK (kind IN ('expiry_reminder', 'expired', 'review_escalated'));
ALTER TABLE card_notifications ALTER COLUMN expires_at DROP NOT NULL;
ALTER TABLE card_notifications ADD COLUMN review_due_at timestamptz;
ALTER TABLE card_notifications
  ADD CONSTRAINT card_notifications_subject_check CHECK (
    (kind = 'review_escalated' AND review_due_at IS NOT NULL) OR (kind <> 'review_escalated' AND expires_at IS NOT NULL));
COMMENT ON COLUMN card_notifications.review_due_at IS 'For review_escalated: the parent review''s due date that passed.';

CREATE INDEX service_cards_parent_review_due_idx ON service_cards (review_due_at) WHERE status = 'parent_review';
