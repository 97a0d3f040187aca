-- A postal dispatch goes to the post only once its answer is signed (ADR 0039, "Handed over once
-- signed"): the answer's transaction notes its document on the dispatch, still `awaiting_answer`;
-- the first signature's transaction (documents module) finds the dispatch by that document and
-- makes it `due`. Every signature of every document asks, so the lookup has its index.
CREATE INDEX postal_dispatches_awaiting_document_idx ON postal_dispatches (document_id)
  WHERE status = 'awaiting_answer' AND document_id IS NOT NULL;
