-- Desk staff put a failed postal dispatch back to `due` (ADR 0039, "Staff retry a failed
-- dispatch"), optionally with a corrected address.
--
-- `attempts` keeps counting every hand-over ever claimed: an outcome is recorded only by the holder
-- of the attempt number it claimed, so the number must never repeat (a reset would let a worker that
-- stalled past its lease in an earlier round record its outcome over a later round's attempt of the
-- same number). The round of attempts a retry starts is counted from `attempts_before_retry`: the
-- POSTAL_MAX_ATTEMPTS-th failure of the round fails the dispatch again.
-- `address_revision` counts the corrected addresses: the post knows an item by our reference, so a
-- corrected item carries a new one (request id / revision); a post that took the first item after
-- all (a timed-out attempt) would otherwise answer the corrected one with the first item's number.
ALTER TABLE postal_dispatches
  ADD COLUMN retries integer NOT NULL DEFAULT 0 CHECK (retries >= 0),
  ADD COLUMN attempts_before_retry integer NOT NULL DEFAULT 0,
  ADD COLUMN address_revision integer NOT NULL DEFAULT 0,
  ADD CONSTRAINT postal_dispatches_round_check CHECK (attempts_before_retry BETWEEN 0 AND attempts),
  ADD CONSTRAINT postal_dispatches_revision_check CHECK (address_revision BETWEEN 0 AND retries);
COMMENT ON COLUMN postal_dispatches.retries IS 'Times the agency''s desk staff put the failed dispatch back to due.';
COMMENT ON COLUMN postal_dispatches.attempts_before_retry IS 'Attempts made before the last staff retry: the current round''s attempts are attempts minus this.';
COMMENT ON COLUMN postal_dispatches.address_revision IS 'Corrected addresses so far; the reference handed to the post is the request id, then request id/revision.';
