-- Notifications as a platform piece (platform/notify): every SMS, e-mail and in-app message made
-- from a versioned template, with its delivery status; and each person's chosen channels.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  template_id text NOT NULL,
  template_version integer NOT NULL CHECK (template_version >= 1),
  channel text NOT NULL CHECK (channel IN ('sms', 'email', 'in_app')),
  lang text NOT NULL CHECK (lang IN ('fa', 'en')),
  recipient text NOT NULL,
  person_type text CHECK (person_type IN ('citizen', 'staff')),
  person_id text,
  agency_id text,
  reference text,
  subject text,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('created', 'sending', 'delivered', 'temporary_failure', 'permanent_failure')),
  attempts integer NOT NULL DEFAULT 0,
  provider_ref text,
  failure_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  delivered_at timestamptz,
  read_at timestamptz
);
COMMENT ON TABLE notifications IS 'Every message Dargah sends (SMS, e-mail, in-app), made from a versioned template, with its delivery status (created, sending, delivered, temporary_failure, permanent_failure). The simulators'' deliveries are listed at /dev/outbox outside production.';
CREATE INDEX notifications_person_idx ON notifications (person_type, person_id, seq);
CREATE INDEX notifications_reference_idx ON notifications (reference) WHERE reference IS NOT NULL;
CREATE INDEX notifications_agency_idx ON notifications (agency_id, seq);

CREATE TABLE notification_preferences (
  person_type text NOT NULL CHECK (person_type IN ('citizen', 'staff')),
  person_id text NOT NULL,
  channels text[] NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (person_type, person_id)
);
COMMENT ON TABLE notification_preferences IS 'The channels (sms, email) a person chose for messages that go by preference; in-app messages always arrive.';

-- The SMS outbox becomes the SMS channel of notifications: its messages keep their ids, so a
-- delivery job queued before this migration still finds its message.
INSERT INTO notifications (id, template_id, template_version, channel, lang, recipient, body, status, created_at, updated_at, delivered_at, provider_ref)
SELECT id, 'legacy.' || purpose, 1, 'sms', 'fa', recipient, body,
       CASE status WHEN 'queued' THEN 'created' WHEN 'sent' THEN 'delivered' ELSE 'permanent_failure' END,
       created_at, COALESCE(sent_at, created_at), sent_at, provider_ref
  FROM sms_outbox ORDER BY seq;
DROP TABLE sms_outbox;

GRANT SELECT, INSERT, UPDATE ON notifications, notification_preferences TO dargah_app;
