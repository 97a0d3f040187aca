-- Reconciling payments with the gateway, and a person's list of their payments (issue 11; ADR 0040).

-- expired: the gateway says the token lapsed unpaid (the payer never paid, and now cannot). Like
-- cancelled it is an end with its reason in `failure`.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments DROP CONSTRAINT payments_failure_check;
ALTER TABLE payments DROP CONSTRAINT payments_check1;
ALTER TABLE payments
  ADD CONSTRAINT payments_status_check CHECK (status IN ('started', 'paid', 'cancelled', 'failed', 'expired')),
  ADD CONSTRAINT payments_failure_check CHECK (failure IN ('cancelled', 'declined', 'amount_mismatch', 'expired')),
  ADD CONSTRAINT payments_ended_check CHECK ((status IN ('cancelled', 'failed', 'expired')) = (failure IS NOT NULL)),
  -- A payment of the wrong amount is given back (reversed): `owed` until the gateway confirms it,
  -- then `done` (reversed_at). The payments.reconcile job retries an owed reversal.
  ADD COLUMN reversal text CHECK (reversal IN ('owed', 'done')),
  ADD COLUMN reversed_at timestamptz,
  ADD CONSTRAINT payments_reversal_amount_check CHECK (reversal IS NULL OR failure = 'amount_mismatch'),
  ADD CONSTRAINT payments_reversed_at_check CHECK ((reversed_at IS NOT NULL) = (reversal IS NOT DISTINCT FROM 'done')),
  -- When the payments.reconcile job is next to look at it: a started payment (created_at plus the
  -- grace left to the payer's own callback) or an owed reversal; moved past the gateway's timeout
  -- while one run holds it (the lease), null when there is nothing left to reconcile.
  ADD COLUMN reconcile_at timestamptz,
  -- The company the payer acted for when paying (as the request's on_behalf_of_id): the company's
  -- payments are listed while acting for it, the person's own otherwise.
  ADD COLUMN on_behalf_of_id uuid REFERENCES citizens (id);

-- Payments made before: a started one is reconciled after the same grace as a new one; a reversal
-- already made cannot be told from one that failed (only the log said so), so every payment of the
-- wrong amount is owed and asked again: the gateway's reverse is idempotent (reversed already: true).
UPDATE payments SET reconcile_at = created_at + interval '15 minutes' WHERE status = 'started';
UPDATE payments SET reversal = 'owed', reconcile_at = created_at WHERE failure = 'amount_mismatch';
UPDATE payments p SET on_behalf_of_id = r.on_behalf_of_id FROM service_requests r WHERE r.id = p.request_id;

-- What the job claims: the payments whose time to reconcile has come.
CREATE INDEX payments_reconcile_idx ON payments (reconcile_at) WHERE reconcile_at IS NOT NULL;
-- GET /payments: a person's own payments, newest first; a company's while acting for it.
CREATE INDEX payments_payer_idx ON payments (citizen_id, created_at DESC, id DESC) WHERE on_behalf_of_id IS NULL;
CREATE INDEX payments_company_idx ON payments (on_behalf_of_id, created_at DESC, id DESC) WHERE on_behalf_of_id IS NOT NULL;
COMMENT ON TABLE payments IS 'Fees of desk services paid through the internet payment gateway: started, then paid (verified with the gateway for the full amount), cancelled, failed (a wrong amount reversed, or owed until the gateway confirms it) or expired (the token lapsed unpaid), by the callback or the reconcile job; a paid one spent once by the submission of one request of the same person to the same service.';
