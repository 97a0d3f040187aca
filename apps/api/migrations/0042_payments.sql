-- Paying a desk service's fee through an internet payment gateway (issue 11 item 1; ADR 0037).

-- A payment of the fixed fee of a service's published version by one citizen: started (the gateway
-- gave a token and the payer was sent to its page), then paid (verified with the gateway for the
-- full amount), cancelled (by the payer) or failed (the gateway refused it, or the amount it verified
-- was not the fee: reversed). A paid payment is spent once, by the submission of one request of the
-- same person to the same service for the same amount (request_id, spent_at).
CREATE TABLE payments (
  id uuid PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizens (id),
  service_id uuid NOT NULL REFERENCES services (id),
  service_version integer NOT NULL CHECK (service_version >= 1),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  amount_rials bigint NOT NULL CHECK (amount_rials > 0),
  gateway text NOT NULL CHECK (gateway IN ('simulator')),
  token text NOT NULL UNIQUE CHECK (char_length(token) BETWEEN 1 AND 200),
  status text NOT NULL CHECK (status IN ('started', 'paid', 'cancelled', 'failed')),
  reference_number text CHECK (char_length(reference_number) <= 100),
  failure text CHECK (failure IN ('cancelled', 'declined', 'amount_mismatch')),
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  ended_at timestamptz,
  request_id uuid UNIQUE REFERENCES service_requests (id),
  spent_at timestamptz,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL AND reference_number IS NOT NULL)),
  CHECK ((status IN ('cancelled', 'failed')) = (failure IS NOT NULL)),
  CHECK ((request_id IS NULL) = (spent_at IS NULL)),
  CHECK (request_id IS NULL OR status = 'paid')
);
COMMENT ON TABLE payments IS 'Fees of desk services paid through the internet payment gateway: started, then paid (verified with the gateway for the full amount), cancelled or failed; a paid one spent once by the submission of one request of the same person to the same service.';
CREATE INDEX payments_citizen_idx ON payments (citizen_id, service_id, created_at);

-- The payment gateway simulator's own ledger (PAYMENT_PROVIDER=simulator only; a live gateway never
-- reads it): each token it issued, the amount, the merchant's order id and callback, and what the
-- buyer did on its page. Kept in the database so every app process (and the worker) answers a verify
-- for a token another process issued, as the real gateway would.
CREATE TABLE payment_simulator_transactions (
  token text PRIMARY KEY CHECK (char_length(token) BETWEEN 1 AND 200),
  order_id text NOT NULL CHECK (char_length(order_id) BETWEEN 1 AND 100),
  amount_rials bigint NOT NULL CHECK (amount_rials > 0),
  callback_url text NOT NULL CHECK (char_length(callback_url) BETWEEN 1 AND 2000),
  merchant text NOT NULL CHECK (char_length(merchant) BETWEEN 1 AND 200),
  state text NOT NULL CHECK (state IN ('issued', 'paid', 'cancelled', 'declined', 'verified', 'reversed')),
  reference_number text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE payment_simulator_transactions IS 'Used only with PAYMENT_PROVIDER=simulator: the simulated payment gateway''s transactions (token, amount, order id, callback, what the buyer chose, verified or reversed), shared by every process.';

GRANT SELECT, INSERT, UPDATE ON payments TO dargah_app;
GRANT SELECT, INSERT, UPDATE ON payment_simulator_transactions TO dargah_app;
